"""The guard's own realpath (see _mpkit_guard.py): built from functions
captured when the guard is installed, so that a student who replaces
posixpath's or os's functions (module globals) cannot change which file the
guard thinks a path names. Standard library only."""


def real_path_function(lstat, readlink, getcwd, is_link, sep, str_add, bytes_add, fsdecode, fspath, realpath,
                        posix, str_type, bytes_type, int_type, type_of, bool_type, is_instance):
    """realpath() from captured builtins only (posixpath's own functions are
    module globals a student could replace)."""

    def real(path, _lstat=lstat, _readlink=readlink, _getcwd=getcwd, _islnk=is_link, _sep=sep, _str_add=str_add,
             _bytes_add=bytes_add, _fsdecode=fsdecode, _fspath=fspath, _realpath=realpath, _posix=posix,
             _str=str_type, _bytes=bytes_type, _int=int_type, _type=type_of, _bool=bool_type, isinstance=is_instance):
        kind = _type(path)
        if path is None or kind is _int or kind is _bool:
            return None
        try:
            if not (kind is _str or kind is _bytes):
                if isinstance(path, _str):
                    path = _str_add("", path)  # a str subclass: its own methods are not called
                elif isinstance(path, _bytes):
                    path = _bytes_add(b"", path)
                else:
                    path = _fspath(path)  # a path object (pathlib's arrive as str already)
            if _type(path) is _bytes:
                path = _fsdecode(path)
            if _type(path) is not _str:
                path = _str_add("", path)
            if not _posix:
                return _realpath(path)
            if not path.startswith(_sep):
                path = _getcwd() + _sep + path
            todo = [p for p in path.split(_sep) if p]
            todo.reverse()
            out, hops = [], 0
            while todo:
                part = todo.pop()
                if part == ".":
                    continue
                if part == "..":
                    if out:
                        out.pop()
                    continue
                here = _sep + _sep.join(out + [part])
                try:
                    is_link = _islnk(_lstat(here).st_mode)
                except OSError:
                    is_link = False
                if not is_link or hops > 40:
                    out.append(part)
                    continue
                hops += 1
                target = _readlink(here)
                if target.startswith(_sep):
                    out = []
                more = [p for p in target.split(_sep) if p]
                more.reverse()
                todo.extend(more)
            return _sep + _sep.join(out)
        except (TypeError, ValueError, OSError):
            return None

    return real
