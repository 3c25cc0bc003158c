"""The chat's screens: the conversation, a document shown at a citation, and a yes/no dialog."""
