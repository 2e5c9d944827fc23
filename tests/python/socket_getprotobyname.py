"""The number of a few protocols by name, and the socket module's constant for it.

socket.getprotobyname(name) for icmp, udp and tcp; each number is then named by the
socket module's IPPROTO_* constant of that value. Where several constants share a value,
the one that comes last alphabetically names it (IPPROTO_IP, not IPPROTO_HOPOPTS, for
0). A name the database lacks raises OSError, and a number no constant has a KeyError;
either ends the program (exit status 1, a traceback on stderr). The Rust twin is
examples/socket_getprotobyname.rs, which prints netdb::IPPROTO_* for socket.IPPROTO_*.
"""

import socket


def constant_names(prefix):
    """The value of each constant of the socket module named PREFIX..., to its name."""
    names = {}
    for name in sorted(dir(socket)):
        if name.startswith(prefix):
            names[getattr(socket, name)] = name
    return names


def main():
    protocols = constant_names("IPPROTO_")
    for name in ("icmp", "udp", "tcp"):
        number = socket.getprotobyname(name)
        constant = protocols[number]
        value = getattr(socket, constant)
        print(f"{name:>4} -> {number:2d} (socket.{constant:<12} = {value:2d})")


if __name__ == "__main__":
    main()
