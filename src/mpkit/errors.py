"""The one error type for mistakes a user can fix (bad manifest, missing
directory, bad option). It is shown as one line and sets the exit code;
anything else that goes wrong is a bug in the kit and shows its traceback."""


class MpkitError(Exception):
    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    def show(self) -> str:
        return f"mpkit: error: {self}"
