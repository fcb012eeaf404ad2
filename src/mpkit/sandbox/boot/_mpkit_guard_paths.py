"""The guard's own realpath (see _mpkit_guard.py): built from functions
captured when the guard is installed, so that a student who replaces
posixpath's or os's functions (module globals) cannot change which file the
guard thinks a path names. Standard library only."""
import os
import stat


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


def folder_rules(real, writable, under, deny, fd_path):
    """The guard's rules on folder descriptors and links: os.open(name, dir_fd=...)
    raises an audit event without its dir_fd, so the task's code may hold no
    folder descriptor, and make no link, that leads out of its work and temp
    folders (a relative name is then checked where it really lands)."""

    def at_dir(path, dir_fd, _fd_path=fd_path, _int=int, _str=str, _bytes=bytes, _type=type, _sep=os.sep,
               _fsdecode=os.fsdecode):
        """A relative path given with a dir_fd, made absolute from where the descriptor points."""
        if _type(dir_fd) is not _int or dir_fd < 0 or _type(path) not in (_str, _bytes):
            return path
        if _type(path) is _bytes:
            path = _fsdecode(path)
        if path.startswith(_sep):
            return path
        base = _fd_path(dir_fd)
        return base + _sep + path if base and base.startswith(_sep) else path

    def climbs(path, _str=str, _bytes=bytes, _type=type, _sep=os.sep, _fsdecode=os.fsdecode):
        """A relative path with a ".." in it (which, from a folder descriptor, could lead anywhere)."""
        if _type(path) is _bytes:
            path = _fsdecode(path)
        return _type(path) is _str and not path.startswith(_sep) and ".." in path.split(_sep)

    def check_folder_open(path, flags, _real=real, _writable=writable, _under=under, _deny=deny,
                          _isdir=stat.S_ISDIR, _stat=os.stat, _int=int, _type=type,
                          _dir_flags=getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_PATH", 0),
                          _access=getattr(os, "O_ACCMODE", 3)):
        """os.open of a folder (a descriptor that os.open(name, dir_fd=...) could start from):
        only the run's own work and temp folders."""
        if _type(flags) is not _int or flags & _access:
            return  # opened for writing: not a folder
        p = _real(path)
        if p is None or _under(p, _writable):
            return
        if not flags & _dir_flags:
            try:
                if not _isdir(_stat(p).st_mode):
                    return
            except OSError:
                return
        _deny(f"the task's code may not open a folder outside its work and temp folders as a descriptor ({p})")

    def check_symlink(target, link, _real=real, _writable=writable, _under=under, _deny=deny, _str=str,
                      _bytes=bytes, _type=type, _sep=os.sep, _fsdecode=os.fsdecode, _dirname=os.path.dirname):
        """A symbolic link may only point into the run's own work and temp folders."""
        if _type(target) is _bytes:
            target = _fsdecode(target)
        if _type(link) is _bytes:
            link = _fsdecode(link)
        if _type(target) is not _str:
            return
        if not target.startswith(_sep):
            where = _real(link) if _type(link) is _str else None
            target = (_dirname(where) if where else "") + _sep + target
        p = _real(target)
        if p is None or not _under(p, _writable):
            _deny(f"the task's code may not make a link to a place outside its work and temp folders ({target})")

    return at_dir, climbs, check_folder_open, check_symlink


def library_dir(name, sep):
    """(folder of an installed package, with the separator), or () when not installed."""
    import importlib.machinery

    try:
        spec = importlib.machinery.PathFinder.find_spec(name)
    except (ImportError, ValueError, OSError):
        return ()
    location = spec.submodule_search_locations if spec is not None else None
    return tuple(str(d).rstrip(sep) + sep for d in location or ())
