/*
 * netdb-sys's reconstruction of NetBSD's <netdb.h>, written for this crate.
 *
 * CI has no NetBSD sysroot, so gen.rs runs bindgen for x86_64-unknown-netbsd over this
 * file instead (with -nostdinc: nothing else is read). It declares only what netdb-sys
 * binds, with the layouts, signatures and values of NetBSD's libc as read from NetBSD's
 * own include/netdb.h and lib/libc/net sources; it reproduces none of their text.
 * src/lib.rs checks every struct, constant and function that the `libc` crate also
 * declares against it at compile time, so a wrong one fails
 * `cargo check --target x86_64-unknown-netbsd`.
 *
 * NetBSD's reentrant forms are private to libc (they take a `struct servent_data` and
 * friends whose layout is not a public ABI), so only the plain functions are declared:
 * they keep their results in static storage, and h_errno is one global int.
 *
 * The real header pads `struct addrinfo` and `struct netent` on sparc64 (and on alpha)
 * for compatibility with an older ABI; that is not reproduced, and family.rs leaves
 * sparc64 to the `bindgen` feature.
 *
 * With the `bindgen` feature, NETDB_SYS_SYSROOT_INCLUDE pointing at a real NetBSD
 * include folder makes gen.rs read the real header instead.
 */
#ifndef NETDB_SYS_RECONSTRUCTED_NETBSD_NETDB_H
#define NETDB_SYS_RECONSTRUCTED_NETBSD_NETDB_H

/* The basic types, from the compiler's own definitions for the target. */
typedef __SIZE_TYPE__ size_t;
typedef __UINT32_TYPE__ uint32_t;
/* NetBSD: socklen_t is __socklen_t, an unsigned 32-bit integer. */
typedef __UINT32_TYPE__ socklen_t;
/* Only pointed at here; netdb-sys re-exports the `libc` crate's definition. */
struct sockaddr;

/* Why the last host lookup failed: one process-wide variable. */
extern int h_errno;

/* The entries the database functions return. */
struct hostent {
    char *h_name;
    char **h_aliases;
    int h_addrtype;
    int h_length;
    char **h_addr_list;
};

struct netent {
    char *n_name;
    char **n_aliases;
    int n_addrtype;
    uint32_t n_net;
};

struct servent {
    char *s_name;
    char **s_aliases;
    int s_port;
    char *s_proto;
};

struct protoent {
    char *p_name;
    char **p_aliases;
    int p_proto;
};

/* The KAME order: the canonical name comes before the address. */
struct addrinfo {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    socklen_t ai_addrlen;
    char *ai_canonname;
    struct sockaddr *ai_addr;
    struct addrinfo *ai_next;
};

/* h_errno values. */
#define NETDB_INTERNAL (-1)
#define NETDB_SUCCESS 0
#define HOST_NOT_FOUND 1
#define TRY_AGAIN 2
#define NO_RECOVERY 3
#define NO_DATA 4
#define NO_ADDRESS NO_DATA

/* getaddrinfo and getnameinfo errors: the BSD values. */
#define EAI_ADDRFAMILY 1
#define EAI_AGAIN 2
#define EAI_BADFLAGS 3
#define EAI_FAIL 4
#define EAI_FAMILY 5
#define EAI_MEMORY 6
#define EAI_NODATA 7
#define EAI_NONAME 8
#define EAI_SERVICE 9
#define EAI_SOCKTYPE 10
#define EAI_SYSTEM 11
#define EAI_BADHINTS 12
#define EAI_PROTOCOL 13
#define EAI_OVERFLOW 14
#define EAI_MAX 15

/* getaddrinfo flags. NetBSD has no AI_V4MAPPED or AI_ALL: its getaddrinfo rejects
   any flag outside AI_MASK with EAI_BADFLAGS. */
#define AI_PASSIVE 0x1
#define AI_CANONNAME 0x2
#define AI_NUMERICHOST 0x4
#define AI_NUMERICSERV 0x8
#define AI_ADDRCONFIG 0x400
#define AI_SRV 0x800
#define AI_MASK (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_NUMERICSERV | AI_ADDRCONFIG | AI_SRV)

/* getnameinfo buffer sizes and flags. */
#define NI_MAXHOST 1025
#define NI_MAXSERV 32
#define NI_NOFQDN 0x1
#define NI_NUMERICHOST 0x2
#define NI_NAMEREQD 0x4
#define NI_NUMERICSERV 0x8
#define NI_DGRAM 0x10
#define NI_WITHSCOPEID 0x20
#define NI_NUMERICSCOPE 0x40

/* Services. */
struct servent *getservbyname(const char *name, const char *proto);
struct servent *getservbyport(int port, const char *proto);
struct servent *getservent(void);
void setservent(int stayopen);
void endservent(void);

/* Protocols. */
struct protoent *getprotobyname(const char *name);
struct protoent *getprotobynumber(int proto);
struct protoent *getprotoent(void);
void setprotoent(int stayopen);
void endprotoent(void);

/* Hosts; a failure is explained by h_errno. */
struct hostent *gethostbyname(const char *name);
struct hostent *gethostbyname2(const char *name, int af);
struct hostent *gethostbyaddr(const void *addr, socklen_t len, int af);
struct hostent *gethostent(void);
void sethostent(int stayopen);
void endhostent(void);
void herror(const char *prefix);
const char *hstrerror(int code);

/* Networks. */
struct netent *getnetbyname(const char *name);
struct netent *getnetbyaddr(uint32_t net, int type);
struct netent *getnetent(void);
void setnetent(int stayopen);
void endnetent(void);

/* Address resolution. getnameinfo's buffer lengths are socklen_t here. */
int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
                struct addrinfo **res);
void freeaddrinfo(struct addrinfo *ai);
const char *gai_strerror(int code);
int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host, socklen_t hostlen,
                char *serv, socklen_t servlen, int flags);

#endif
