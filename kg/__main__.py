"""``python -m kg``: the ``mlkg`` command, for installs without the script on PATH (``pip install --target``)."""

from kg.cli import main

if __name__ == "__main__":
    main()
