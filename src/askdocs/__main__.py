"""`python -m askdocs` runs the command line."""

from askdocs.cli import main

if __name__ == "__main__":
    main()
