#ifndef CSL_SYS_H
#define CSL_SYS_H
/*
 * Syscalls Swift's Glibc module does not import (epoll, eventfd, accept4, pipe2, splice,
 * sigtimedwait) and constants it cannot see. Every function returns >= 0 or -errno and retries
 * EINTR itself, so Swift never reads errno. `struct epoll_event` is packed: it never reaches Swift.
 */
#include <stdint.h>
#include <stddef.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>

enum {
    CSL_EPOLLIN = 0x001, CSL_EPOLLOUT = 0x004, CSL_EPOLLERR = 0x008, CSL_EPOLLHUP = 0x010,
    CSL_EPOLLRDHUP = 0x2000, CSL_EPOLLET = (int)(1u << 31),
};

/* epoll */
int csl_epoll_create(void);
int csl_epoll_add(int epfd, int fd, uint32_t events, uint64_t token);
int csl_epoll_mod(int epfd, int fd, uint32_t events, uint64_t token);
int csl_epoll_del(int epfd, int fd);
/* Waits; fills tokens[i]/events[i] for each ready fd; returns the count or -errno. */
int csl_epoll_wait(int epfd, uint64_t *tokens, uint32_t *events, int max, int timeout_ms);

/* eventfd: a loop's wake-up */
int csl_eventfd(void);
int csl_eventfd_signal(int fd);
int csl_eventfd_drain(int fd);

/* sockets */
int csl_socket(int domain);                       /* SOCK_STREAM, non-blocking, close-on-exec */
int csl_listen_on(int fd, const struct sockaddr *addr, socklen_t len, int backlog, int reuseport);
int csl_accept(int fd, struct sockaddr_storage *addr, socklen_t *len);  /* accept4 NONBLOCK|CLOEXEC */
int csl_connect(int fd, const struct sockaddr *addr, socklen_t len);    /* -EINPROGRESS is normal */
int csl_socket_error(int fd);                      /* SO_ERROR as -errno, 0 when fine */
int csl_set_nodelay(int fd);
int csl_local_port(int fd);
ssize_t csl_read(int fd, void *buf, size_t len);
ssize_t csl_write(int fd, const void *buf, size_t len);          /* send(MSG_NOSIGNAL) */
int csl_shutdown_write(int fd);
int csl_close(int fd);

/* zero-copy tunnels */
int csl_pipe(int fds[2]);                          /* pipe2 NONBLOCK|CLOEXEC */
ssize_t csl_splice(int fd_in, int fd_out, size_t len);   /* SPLICE_F_MOVE|NONBLOCK */
int csl_set_pipe_size(int fd, int size);           /* F_SETPIPE_SZ */

/* signals */
int csl_ignore_sigpipe(void);
int csl_block_signals(void);                       /* block TERM, INT, HUP, USR1 in this and new threads */
int csl_wait_signal(int timeout_ms);               /* the signal number, 0 on timeout */
int csl_raise_limits(void);                        /* RLIMIT_NOFILE soft = hard */
int csl_cpu_count(void);
#endif
