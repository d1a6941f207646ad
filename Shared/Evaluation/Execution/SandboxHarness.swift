/// The Python program that confines one candidate: limits, guards, then the candidate's code.
///
/// It runs as `python3 -I -S harness.py WORKDIR MEMORY_BYTES MAX_PROCESSES MAX_FILE_BYTES CGROUP_DIR READ_ONLY`
/// and reports through its exit status, which `SandboxOutcome` decodes.
enum SandboxHarness {
    static let fileName = "_lce_harness.py"
    static let programFileName = "program.py"

    /// Exit statuses the harness uses; anything else (1 is Python's own for a crash in the harness) is an `error`.
    enum ExitCode {
        static let passed: Int32 = 0
        static let failed: Int32 = 10
        static let compileError: Int32 = 11
        static let outOfMemory: Int32 = 12
        static let violation: Int32 = 13
        static let exitedEarly: Int32 = 14
    }

    static let source = #"""
import sys, os, builtins, io

# Descriptors the parent left open (a test's listening socket, another run's files) are not the candidate's.
os.closerange(3, 1 << 16)

# Started with -S: site-packages stay importable but no .pth start-up hook runs (they cost ~50 ms a start).
import site
sys.path.extend(p for p in site.getsitepackages() if p not in sys.path)

_exit = os._exit
WORK = os.path.realpath(sys.argv[1])
MEMORY, NPROC, FSIZE = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
CGROUP = sys.argv[5]
READ_ONLY = sys.argv[6] == "1"
os.chdir(WORK)

def _finish(code, message=None):
    if message:
        try:
            sys.stderr.write(message + "\n")
        except BaseException:
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    _exit(code)

def _report():
    try:
        import traceback  # imported only when needed: it pulls in re and tokenize (~20 ms)
        traceback.print_exc()
    except BaseException:
        pass

if CGROUP:
    # Join the per-run pids cgroup before any candidate code can fork (root only; RLIMIT_NPROC, which
    # does not bind root, is set below all the same in case joining fails).
    try:
        with open(os.path.join(CGROUP, "cgroup.procs"), "w") as f:
            f.write("0")
    except OSError:
        pass

def _unescape_mount(field):
    # /proc/self/mounts writes space, tab, newline and backslash as \\ooo octal escapes.
    out, i = "", 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) and field[i + 1:i + 4].isdigit():
            out += chr(int(field[i + 1:i + 4], 8))
            i += 4
        else:
            out += field[i]
            i += 1
    return out

if READ_ONLY:
    # In a private mount namespace (root only): every mount becomes read-only except WORK,
    # bound onto itself first. Files outside WORK then cannot change whatever Python does.
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mount.argtypes = (ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_void_p)
    MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC = 1, 32, 4096, 16384
    if libc.mount(WORK.encode(), WORK.encode(), None, MS_BIND | MS_REC, None) == 0:
        os.chdir(WORK)  # the old cwd is the directory under the new bind mount, soon read-only
        with open("/proc/self/mounts") as f:
            targets = [_unescape_mount(line.split()[1]) for line in f]
        for target in targets:
            if target != WORK:
                libc.mount(None, target.encode(), None, MS_REMOUNT | MS_BIND | MS_RDONLY, None)
    del libc

import resource
for limit, value in ((resource.RLIMIT_AS, MEMORY), (resource.RLIMIT_DATA, MEMORY),
                     (resource.RLIMIT_FSIZE, FSIZE), (resource.RLIMIT_CORE, 0),
                     (resource.RLIMIT_NPROC, NPROC)):
    if value >= 0:
        try:
            resource.setrlimit(limit, (value, value))
        except (ValueError, OSError):
            pass

try:
    with open("program.py", encoding="utf-8") as f:
        SOURCE = f.read()
    CODE = compile(SOURCE, "program.py", "exec")
except (SyntaxError, ValueError, UnicodeDecodeError):
    _report()
    _finish(11)
except MemoryError:
    _finish(12, "MemoryError while compiling")

# Only built-in modules are patched, so start-up stays cheap; the pure-Python modules built
# on them (socket, subprocess, shutil, pathlib) inherit the guards when the candidate imports them.
import _socket, posix, _posixsubprocess, _io

class SandboxViolation(PermissionError):
    pass

def _deny(what):
    def denied(*args, **kwargs):
        raise SandboxViolation("sandbox: " + what + " is not allowed")
    return denied

# Network: no sockets but local (AF_UNIX) ones; with `unshare --net` there is no network anyway.
# socket.socket subclasses _socket.socket when socket is first imported, so it inherits this check.
_RealSocket = _socket.socket
class _GuardedSocket(_RealSocket):
    __slots__ = ()  # socket.socket adds __weakref__ itself
    def __init__(self, family=-1, *args, **kwargs):
        if family != _socket.AF_UNIX:
            raise SandboxViolation("sandbox: network access is not allowed")
        super().__init__(family, *args, **kwargs)
_socket.socket = _GuardedSocket
_socket.SocketType = _GuardedSocket
for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "getnameinfo"):
    setattr(_socket, name, _deny("network access"))
if "socket" in sys.modules:
    sys.modules["socket"].socket = _GuardedSocket

# Processes: no fork, exec or spawn of any kind (os re-exports posix, so both are patched).
for name in ("fork", "forkpty", "system", "popen", "execv", "execve", "execl", "execle", "execlp",
             "execlpe", "execvp", "execvpe", "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv",
             "spawnve", "spawnvp", "spawnvpe", "posix_spawn", "posix_spawnp", "setsid", "setpgid",
             "setpgrp", "kill", "killpg", "setuid", "setgid", "setreuid", "setregid", "chroot"):
    for module in (os, posix):
        if hasattr(module, name):
            setattr(module, name, _deny("os." + name))
_posixsubprocess.fork_exec = _deny("subprocess")
for name in ("multiprocessing", "resource", "ctypes", "_ctypes", "pty"):
    sys.modules[name] = None

# Files: nothing outside WORK may be removed, renamed, truncated or written.
def _resolve(path, dir_fd=None):
    if isinstance(path, int):
        return os.readlink("/proc/self/fd/%d" % path)
    path = os.fsdecode(path)
    if dir_fd is not None and not os.path.isabs(path):
        path = os.path.join(os.readlink("/proc/self/fd/%d" % dir_fd), path)
    parent, leaf = os.path.split(os.path.abspath(path))
    return os.path.join(os.path.realpath(parent), leaf)

def _inside(path, dir_fd=None):
    try:
        real = _resolve(path, dir_fd)
    except (OSError, TypeError, ValueError):
        return False
    return real == WORK or real.startswith(WORK + os.sep) or real == "/dev/null"

def _guard_paths(module, name, positions, what):
    original = getattr(module, name, None)
    if original is None:
        return
    def guarded(*args, **kwargs):
        dir_fd = kwargs.get("dir_fd", kwargs.get("src_dir_fd"))
        for position in positions:
            if position < len(args) and not _inside(args[position], dir_fd):
                raise SandboxViolation("sandbox: %s outside the working directory: %r" % (what, args[position]))
        for key in ("path", "src", "dst"):
            if key in kwargs and not _inside(kwargs[key], dir_fd):
                raise SandboxViolation("sandbox: %s outside the working directory: %r" % (what, kwargs[key]))
        return original(*args, **kwargs)
    setattr(module, name, guarded)

for module in (os, posix):
    for name in ("remove", "unlink", "rmdir", "removedirs", "truncate", "chmod", "chown", "lchown",
                 "mkfifo", "mknod", "utime"):
        _guard_paths(module, name, (0,), "changing a file")
    for name in ("rename", "renames", "replace", "link", "symlink"):
        _guard_paths(module, name, (0, 1), "moving a file")
# shutil, pathlib and tempfile call the os functions above, so they are covered too.

_real_open = io.open
def _guarded_open(file, mode="r", *args, **kwargs):
    if isinstance(mode, str) and any(c in mode for c in "wax+") and not _inside(file):
        raise SandboxViolation("sandbox: writing outside the working directory: %r" % (file,))
    return _real_open(file, mode, *args, **kwargs)
builtins.open = _guarded_open
io.open = _guarded_open
_io.open = _guarded_open
class _GuardedFileIO(_io.FileIO):
    def __init__(self, file, mode="r", *args, **kwargs):
        if isinstance(mode, str) and any(c in mode for c in "wax+") and not _inside(file):
            raise SandboxViolation("sandbox: writing outside the working directory: %r" % (file,))
        super().__init__(file, mode, *args, **kwargs)
io.FileIO = _GuardedFileIO
_io.FileIO = _GuardedFileIO
_real_os_open = os.open
def _guarded_os_open(path, flags, *args, **kwargs):
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
    if flags & writes and not _inside(path, kwargs.get("dir_fd")):
        raise SandboxViolation("sandbox: writing outside the working directory: %r" % (path,))
    return _real_os_open(path, flags, *args, **kwargs)
os.open = _guarded_os_open
posix.open = _guarded_os_open
os._exit = lambda code=0: _finish(14, "candidate called os._exit(%r)" % (code,))

try:
    exec(CODE, {"__name__": "__main__", "__builtins__": builtins})
except MemoryError:
    _report()
    _finish(12)
except SandboxViolation:
    _report()
    _finish(13)
except SystemExit as stop:
    _finish(14, "candidate exited (status %r) before its tests finished" % (stop.code,))
except BaseException:
    _report()
    _finish(10)
_finish(0)
"""#
}
