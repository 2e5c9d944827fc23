"""The fully qualified name of localhost, of this machine and of 127.0.0.1.

socket.getfqdn(host) for each, right-aligned in ten columns. The Rust twin is
examples/socket_getfqdn.rs.
"""

import socket


def main():
    for host in ("localhost", socket.gethostname(), "127.0.0.1"):
        print(f"{host:>10} : {socket.getfqdn(host)}")


if __name__ == "__main__":
    main()
