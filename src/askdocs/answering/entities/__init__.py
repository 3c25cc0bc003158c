"""The entity finder: names, places, groups, amounts, dates and things of a kind in a sentence."""
