"""A URL for the service of each well-known port, from the services database.

socket.getservbyport(port) with no protocol, for each port below, in order; a port the
database lacks raises OSError, which ends the program (exit status 1, a traceback on
stderr). The Rust twin is examples/socket_getservbyport.rs.
"""

import socket

PORTS = (80, 443, 21, 70, 25, 143, 993, 110, 995)


def main():
    for port in PORTS:
        print(f"{socket.getservbyport(port)}://example.com/")


if __name__ == "__main__":
    main()
