#define _GNU_SOURCE
#include "csl_sys.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>

#define RETRY(expr) do { long _r; do { _r = (long)(expr); } while (_r < 0 && errno == EINTR); \
    return _r < 0 ? -errno : _r; } while (0)

int csl_epoll_create(void) { RETRY(epoll_create1(EPOLL_CLOEXEC)); }

static int ctl(int epfd, int op, int fd, uint32_t events, uint64_t token) {
    struct epoll_event ev; memset(&ev, 0, sizeof ev); ev.events = events; ev.data.u64 = token;
    RETRY(epoll_ctl(epfd, op, fd, &ev));
}
int csl_epoll_add(int epfd, int fd, uint32_t events, uint64_t token) { return ctl(epfd, EPOLL_CTL_ADD, fd, events, token); }
int csl_epoll_mod(int epfd, int fd, uint32_t events, uint64_t token) { return ctl(epfd, EPOLL_CTL_MOD, fd, events, token); }
int csl_epoll_del(int epfd, int fd) { return ctl(epfd, EPOLL_CTL_DEL, fd, 0, 0); }

int csl_epoll_wait(int epfd, uint64_t *tokens, uint32_t *events, int max, int timeout_ms) {
    struct epoll_event evs[256];
    if (max > 256) max = 256;
    int n;
    do { n = epoll_wait(epfd, evs, max, timeout_ms); } while (n < 0 && errno == EINTR);
    if (n < 0) return -errno;
    for (int i = 0; i < n; i++) { tokens[i] = evs[i].data.u64; events[i] = evs[i].events; }
    return n;
}

int csl_eventfd(void) { RETRY(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)); }
int csl_eventfd_signal(int fd) { uint64_t one = 1; RETRY(write(fd, &one, sizeof one)); }
int csl_eventfd_drain(int fd) { uint64_t v; RETRY(read(fd, &v, sizeof v)); }

int csl_socket(int domain) { RETRY(socket(domain, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)); }

int csl_listen_on(int fd, const struct sockaddr *addr, socklen_t len, int backlog, int reuseport) {
    int one = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0) return -errno;
    if (reuseport && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0) return -errno;
    if (addr->sa_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one) < 0) return -errno;
    if (bind(fd, addr, len) < 0) return -errno;
    RETRY(listen(fd, backlog));
}

int csl_accept(int fd, struct sockaddr_storage *addr, socklen_t *len) {
    *len = sizeof *addr;
    RETRY(accept4(fd, (struct sockaddr *)addr, len, SOCK_NONBLOCK | SOCK_CLOEXEC));
}

int csl_connect(int fd, const struct sockaddr *addr, socklen_t len) {
    /* A non-blocking connect interrupted by a signal continues in the background: EINTR means EINPROGRESS. */
    if (connect(fd, addr, len) < 0) return errno == EINTR ? -EINPROGRESS : -errno;
    return 0;
}

int csl_socket_error(int fd) {
    int err = 0; socklen_t len = sizeof err;
    if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0) return -errno;
    return -err;
}

int csl_set_nodelay(int fd) { int one = 1; RETRY(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one)); }

int csl_local_port(int fd) {
    struct sockaddr_storage ss; socklen_t len = sizeof ss;
    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0) return -errno;
    if (ss.ss_family == AF_INET) return ntohs(((struct sockaddr_in *)&ss)->sin_port);
    return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
}

ssize_t csl_read(int fd, void *buf, size_t len) { RETRY(read(fd, buf, len)); }
ssize_t csl_write(int fd, const void *buf, size_t len) { RETRY(send(fd, buf, len, MSG_NOSIGNAL)); }
int csl_shutdown_write(int fd) { RETRY(shutdown(fd, SHUT_WR)); }
int csl_close(int fd) { return close(fd) < 0 && errno != EINTR ? -errno : 0; }

int csl_pipe(int fds[2]) { RETRY(pipe2(fds, O_NONBLOCK | O_CLOEXEC)); }
ssize_t csl_splice(int fd_in, int fd_out, size_t len) {
    RETRY(splice(fd_in, NULL, fd_out, NULL, len, SPLICE_F_MOVE | SPLICE_F_NONBLOCK));
}
int csl_set_pipe_size(int fd, int size) { RETRY(fcntl(fd, F_SETPIPE_SZ, size)); }

int csl_ignore_sigpipe(void) { return signal(SIGPIPE, SIG_IGN) == SIG_ERR ? -errno : 0; }

static sigset_t handled(void) {
    sigset_t set; sigemptyset(&set);
    sigaddset(&set, SIGTERM); sigaddset(&set, SIGINT); sigaddset(&set, SIGHUP); sigaddset(&set, SIGUSR1);
    return set;
}
int csl_block_signals(void) { sigset_t set = handled(); int r = pthread_sigmask(SIG_BLOCK, &set, NULL); return -r; }
int csl_wait_signal(int timeout_ms) {
    sigset_t set = handled();
    struct timespec ts = { timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L };
    int s = sigtimedwait(&set, NULL, &ts);
    if (s < 0) return (errno == EAGAIN || errno == EINTR) ? 0 : -errno;
    return s;
}
int csl_raise_limits(void) {
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) < 0) return -errno;
    rl.rlim_cur = rl.rlim_max;
    return setrlimit(RLIMIT_NOFILE, &rl) < 0 ? -errno : 0;
}
int csl_cpu_count(void) { long n = sysconf(_SC_NPROCESSORS_ONLN); return n > 0 ? (int)n : 1; }
