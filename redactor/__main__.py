"""`python -m redactor`: the same as the `redactor` command."""

from redactor.launch import main

main()
