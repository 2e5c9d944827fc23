"""The official name, aliases and IPv4 addresses of hosts that resolve without a network.

socket.gethostbyname_ex(host) for localhost, this machine's own name and a name under
the reserved .invalid domain, which never resolves: the host, then what was found or
the error as str() gives it, then an empty line. The Rust twin is
examples/socket_gethostbyname_ex.rs.
"""

import socket


def main():
    for host in ("localhost", socket.gethostname(), "nosuchname.invalid"):
        print(host)
        try:
            name, aliases, addresses = socket.gethostbyname_ex(host)
        except OSError as error:
            print(f"ERROR: {error}")
        else:
            print(f"  Hostname: {name}")
            print(f"   Aliases: {aliases}")
            print(f" Addresses: {addresses}")
        print()


if __name__ == "__main__":
    main()
