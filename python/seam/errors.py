"""The exceptions seam raises. Each keeps where the problem is: the file, the 1-based line
and column (0 when unknown), and the JSON pointer of the field ("" when the problem is not
about one field)."""


class Error(Exception):
    """Something seam could not do with its input."""

    def __init__(self, message: str, *, file: str = "", line: int = 0, column: int = 0,
                 pointer: str = "", snippet: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
        self.snippet = snippet

    def __str__(self) -> str:
        where = self.file
        if where and self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        text = f"{where}: {self.message}" if where else self.message
        return f"{text} (at {self.pointer})" if self.pointer else text


class InvalidInputError(Error, ValueError):
    """The input was read but is not acceptable: its syntax, its schema or a limit."""


class ReadError(Error, OSError):
    """The input could not be read: missing, not permitted, or not a regular file."""


class UsageError(Error, ValueError):
    """The call asks for something that makes no sense: an unknown option or column."""
