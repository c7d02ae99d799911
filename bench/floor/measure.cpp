// Runs one command and reports what it cost, measured from a small process:
//
//   measure REPORT_FILE CMD [ARG...]
//
// Forks, execs CMD, waits with wait4 and writes "wall_ns user_us sys_us
// maxrss_kb exit_code" to REPORT_FILE. Why not os.wait4 in the Python harness:
// Linux counts the RSS of the parent at fork time into the child's ru_maxrss
// (the forked copy of a ~20 MB Python interpreter), which would make `cat` look
// like 20 MB. Forked from this small process, the child's peak is its own.
// Exit code: the command's, or 127 if it could not be started.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: measure REPORT_FILE CMD [ARG...]\n");
    return 2;
  }
  timespec t0{}, t1{};
  clock_gettime(CLOCK_MONOTONIC, &t0);
  pid_t pid = fork();
  if (pid < 0) {
    std::perror("measure: fork");
    return 127;
  }
  if (pid == 0) {
    execvp(argv[2], argv + 2);
    std::fprintf(stderr, "measure: cannot run %s: %s\n", argv[2], std::strerror(errno));
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  while (wait4(pid, &status, 0, &ru) < 0) {
    if (errno != EINTR) {
      std::perror("measure: wait4");
      return 127;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  long long wall = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  FILE* f = std::fopen(argv[1], "w");
  if (!f) {
    std::perror("measure: report file");
    return 127;
  }
  std::fprintf(f, "%lld %lld %lld %ld %d\n", wall,
               static_cast<long long>(ru.ru_utime.tv_sec) * 1000000 + ru.ru_utime.tv_usec,
               static_cast<long long>(ru.ru_stime.tv_sec) * 1000000 + ru.ru_stime.tv_usec, ru.ru_maxrss, code);
  std::fclose(f);
  return code;
}
