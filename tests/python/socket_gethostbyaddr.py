"""The host of the IPv4 and IPv6 loopback addresses.

socket.gethostbyaddr(address) for 127.0.0.1 and ::1: the name, aliases and addresses
found, or the error (socket.herror, socket.gaierror) as str() gives it; an empty line
after each. The Rust twin is examples/socket_gethostbyaddr.rs.
"""

import socket


def main():
    for address in ("127.0.0.1", "::1"):
        try:
            name, aliases, addresses = socket.gethostbyaddr(address)
        except OSError as error:
            print(f"ERROR: {error}")
        else:
            print(f"Hostname : {name}")
            print(f"Aliases  : {aliases}")
            print(f"Addresses: {addresses}")
        print()


if __name__ == "__main__":
    main()
