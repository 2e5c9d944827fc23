"""The host and service names of a few socket addresses.

socket.getnameinfo(address, flags) for 127.0.0.1 port 80, 127.0.0.1 port 443 and ::1
port 22, first with no flags, then with NI_NUMERICHOST | NI_NUMERICSERV; each line shows
the address tuple, the flags and the answer. An error ends the program (exit status 1,
a traceback on stderr). The Rust twin is examples/socket_getnameinfo.rs.
"""

import socket

ADDRESSES = (("127.0.0.1", 80), ("127.0.0.1", 443), ("::1", 22, 0, 0))


def main():
    numeric = socket.NI_NUMERICHOST | socket.NI_NUMERICSERV
    for address in ADDRESSES:
        for flags in (0, numeric):
            print(f"{address} {flags} -> {socket.getnameinfo(address, flags)}")


if __name__ == "__main__":
    main()
