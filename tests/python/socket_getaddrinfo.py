"""The addresses getaddrinfo gives for localhost and the http service.

Every result of socket.getaddrinfo("localhost", "http"), in order: its family, socket
type and protocol named by the socket module's AF_*, SOCK_* and IPPROTO_* constants
(where several share a value, the one that comes last alphabetically), its canonical
name and its socket address, then an empty line. A failed lookup raises
socket.gaierror and a value no constant has a KeyError; either ends the program (exit
status 1, a traceback on stderr). The Rust twin is examples/socket_getaddrinfo.rs.
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
    families = constant_names("AF_")
    types = constant_names("SOCK_")
    protocols = constant_names("IPPROTO_")
    for family, type_, protocol, canonical_name, address in socket.getaddrinfo(
        "localhost", "http"
    ):
        print(f"Family        : {families[family]}")
        print(f"Type          : {types[type_]}")
        print(f"Protocol      : {protocols[protocol]}")
        print(f"Canonical name: {canonical_name}")
        print(f"Socket address: {address}")
        print()


if __name__ == "__main__":
    main()
