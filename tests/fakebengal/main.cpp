// A fake `bengal` for the collector tests. It behaves as bengal-metrics.md describes for
// `bengal build` (flags, JSON-lines log events flushed per event and truncated at start,
// history.jsonl + latest.json only for theme-dev/dev and only on success, exit codes 0/1/2)
// and has knobs for the tests, all environment variables:
//   FAKE_BENGAL_PHASE_MS    "N" for every phase, or "rendering=300,discovery=50" (default 20)
//   FAKE_BENGAL_BUSY=1      phases burn CPU instead of sleeping
//   FAKE_BENGAL_ALLOC_MB=N  hold N MiB in itself during rendering
//   FAKE_BENGAL_CHILD_MB=M  a child process holds M MiB during rendering
//   FAKE_BENGAL_GRANDCHILD_MB=G  the child starts a grandchild holding G MiB
//   FAKE_BENGAL_FORK_CHILD_MB=F  a fork()ed child (no exec, sharing our pages) holds F MiB
//   FAKE_BENGAL_ORPHAN=1    the child exits at once, leaving the grandchild to init
//   FAKE_BENGAL_HOLD_MS=T   how long memory is held (default 400; -1 = until killed)
//   FAKE_BENGAL_VFORK_PAUSE_MS=T  a vfork child shares our memory for T ms before exec
//   FAKE_BENGAL_SLEEP_MS=T  hang T ms in rendering (for cancel tests)
//   FAKE_BENGAL_IGNORE_TERM=1  every process ignores SIGTERM (cancel must escalate to KILL)
//   FAKE_BENGAL_FAIL=1      fail in rendering: phase_error, exit 1, no metrics
//   FAKE_BENGAL_SELF_SIGNAL=S  kill itself with signal S in rendering
//   FAKE_BENGAL_STDERR=1    also write a warning line to stderr
//   FAKE_BENGAL_COLOR=1     colour the output as Rich does: SGR colours, an OSC window title,
//                           a progress line redrawn with carriage returns
//   FAKE_BENGAL_REPORT_DIR  where every process writes pid-<pid> and rss-<pid> (VmRSS KiB)
//   FAKE_BENGAL_SPLIT_WRITES=1 / FAKE_BENGAL_GARBAGE=1  partial and malformed log lines
// Root options `-o FILE [--force]` write the command's result dict; Ctrl-C exits 130.

#include "FakeLog.h"
#include "FakeMemory.h"
#include "FakeMetrics.h"
#include "FakeSupport.h"

#include <cmath>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

const char* const Phases[] = {"initialization", "discovery", "taxonomies",     "menus",
                              "rendering",      "assets",    "postprocessing", "health_check"};

struct Options
{
    std::string resultFile; // root option -o/--output: the command's result as JSON
    bool force = false;
    std::string profile = "writer";
    std::string logFile;
    std::string source;
    bool verbose = false;
    bool debug = false;
};

int usageError(const std::string& message)
{
    std::fprintf(stderr, "Error: %s\n", message.c_str());
    return 2;
}

long phaseMs(const std::string& name)
{
    const char* spec = std::getenv("FAKE_BENGAL_PHASE_MS");
    if (!spec || !*spec)
        return 20;
    const std::string text(spec);
    if (text.find('=') == std::string::npos)
        return std::atol(spec);
    const std::string key = name + "=";
    for (size_t at = 0; at < text.size();) {
        const size_t end = text.find(',', at);
        const std::string item = text.substr(at, end == std::string::npos ? end : end - at);
        if (item.rfind(key, 0) == 0)
            return std::atol(item.c_str() + key.size());
        if (end == std::string::npos)
            break;
        at = end + 1;
    }
    return 20;
}

// Parses `build` options; returns -1 to go on or an exit code.
int parseBuildOptions(const std::vector<std::string>& args, Options& options)
{
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        auto value = [&](const char* name, std::string& out) {
            const std::string prefix = std::string(name) + "=";
            if (arg == name && i + 1 < args.size()) {
                out = args[++i];
                return true;
            }
            if (arg.rfind(prefix, 0) == 0) {
                out = arg.substr(prefix.size());
                return true;
            }
            return false;
        };
        std::string ignored;
        if (value("--profile", options.profile)) {
            if (options.profile != "writer" && options.profile != "theme-dev" &&
                options.profile != "dev")
                return usageError("invalid profile '" + options.profile + "'");
        } else if (arg == "--theme-dev") {
            options.profile = "theme-dev";
        } else if (arg == "--dev" || arg == "--dev-profile") {
            options.profile = "dev";
        } else if (value("--log-file", options.logFile) || value("--source", options.source)) {
        } else if (arg == "--verbose") {
            options.verbose = true;
        } else if (arg == "--debug") {
            options.debug = true;
        } else if (value("--style", ignored)) {
            if (ignored != "dense" && ignored != "ascii" && ignored != "ci")
                return usageError("invalid style '" + ignored + "'");
        } else if (value("--error-format", ignored)) {
            if (ignored != "text" && ignored != "json")
                return usageError("invalid error format '" + ignored + "'");
        } else if (value("--environment", ignored) || value("--config", ignored) ||
                   arg.rfind("--perf-profile", 0) == 0) {
        } else if (arg == "--quiet" || arg == "--no-parallel" || arg == "--incremental" ||
                   arg == "--no-incremental" || arg == "--strict" || arg == "--yes" ||
                   arg == "--fast" || arg == "--clean-output" || arg == "--full-output" ||
                   arg == "--profile-templates" || arg == "--memory-optimized" ||
                   arg == "--validate" || arg == "--dry-run" || arg == "--explain" ||
                   arg == "--explain-json" || arg == "--continue-on-error") {
        } else {
            return usageError("unrecognized arguments: " + arg);
        }
    }
    return -1;
}

// The rendering phase: where the knobs act.
int render(fake::EventLog& log)
{
    if (fake::envFlag("FAKE_BENGAL_FAIL")) {
        log.phaseError("rendering", "RuntimeError: fake failure");
        std::fprintf(stderr, "RuntimeError: fake failure in rendering\n");
        return 1;
    }
    if (const long sig = fake::envNumber("FAKE_BENGAL_SELF_SIGNAL", 0)) {
        ::signal(int(sig), SIG_DFL);
        ::raise(int(sig));
    }
    const long holdMs = fake::envNumber("FAKE_BENGAL_HOLD_MS", 400);
    fake::HeldMemory memory;
    memory.allocate(fake::envNumber("FAKE_BENGAL_ALLOC_MB", 0));
    fake::vforkPause(fake::envNumber("FAKE_BENGAL_VFORK_PAUSE_MS", 0));
    pid_t child = -1;
    if (const long childMib = fake::envNumber("FAKE_BENGAL_CHILD_MB", -1); childMib >= 0) {
        int ready[2];
        if (::pipe(ready) != 0)
            return 1;
        const long grandchildMib = fake::envNumber("FAKE_BENGAL_GRANDCHILD_MB", -1);
        child = fake::spawnHelper(childMib, holdMs, ready[1], grandchildMib);
        const int expected = grandchildMib >= 0 ? 2 : 1;
        char byte;
        for (int got = 0; got < expected && ::read(ready[0], &byte, 1) == 1;)
            ++got;
        ::close(ready[0]);
        ::close(ready[1]);
    }
    if (const long forkMib = fake::envNumber("FAKE_BENGAL_FORK_CHILD_MB", -1); forkMib >= 0)
        child = fake::forkHolder(forkMib, holdMs < 0 ? 0 : holdMs);
    fake::report(true);
    fake::sleepMs(fake::envNumber("FAKE_BENGAL_SLEEP_MS", 0));
    if (child > 0 || fake::envNumber("FAKE_BENGAL_ALLOC_MB", 0) > 0)
        fake::sleepMs(holdMs < 0 ? 0 : holdMs);
    if (child > 0)
        ::waitpid(child, nullptr, 0);
    memory.release();
    return 0;
}

// `bengal -o FILE build`: the command's return dict (milo era), written at the end.
void writeResult(const Options& options, bool ok, double buildMs)
{
    if (options.resultFile.empty())
        return;
    fake::writeFile(
        options.resultFile,
        std::string("{\"status\": ") + (ok ? "\"ok\"" : "\"error\"") +
            ", \"message\": " + fake::jsonString(ok ? "Built 42 pages" : "fake failure") +
            ", \"output_dir\": \"public\", \"pages\": 42, \"build_time_ms\": " +
            fake::jsonNumber(buildMs) + ", \"incremental\": false, \"errors\": []}\n");
}

int build(const Options& options)
{
    const double started = fake::monotonicMs();
    char cwd[4096];
    std::string root =
        options.source.empty() ? std::string(getcwd(cwd, sizeof cwd) ? cwd : ".") : options.source;
    struct stat info;
    if (::stat(root.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
        std::fprintf(stderr, "Error: site root not found: %s\n", root.c_str());
        return 1;
    }
    fake::Level level = options.profile == "dev"         ? fake::Debug
                        : options.profile == "theme-dev" ? fake::Info
                                                         : fake::Warning;
    if (options.verbose && level > fake::Info)
        level = fake::Info;
    if (options.debug)
        level = fake::Debug;
    fake::EventLog log(options.logFile.empty() ? root + "/.bengal/logs/build.log" : options.logFile,
                       level, options.profile == "dev");
    log.event(fake::Info, "build_start",
              "\"incremental\": false, \"root_path\": " + fake::jsonString(root));
    const bool colour = fake::envFlag("FAKE_BENGAL_COLOR");
    if (colour)
        std::printf("\x1b]0;bengal build\x07\x1b[1;36mBuilding site\x1b[0m\n");
    else
        std::printf("Building site\n");
    std::fflush(stdout);
    if (fake::envFlag("FAKE_BENGAL_STDERR"))
        std::fprintf(stderr, colour ? "\x1b[33mwarning:\x1b[0m this is a fake Bengal\n"
                                    : "warning: this is a fake Bengal\n");

    fake::PhaseTimes times;
    const bool busy = fake::envFlag("FAKE_BENGAL_BUSY");
    for (const char* phase : Phases) {
        const double t0 = fake::monotonicMs();
        log.phaseStart(phase, 1);
        const long ms = phaseMs(phase);
        if (std::strcmp(phase, "rendering") == 0) {
            if (const int status = render(log)) {
                writeResult(options, false, fake::monotonicMs() - started);
                return status;
            }
        }
        const double spent = fake::monotonicMs() - t0;
        if (spent < double(ms)) { // the phase takes at least its configured time
            const long rest = long(std::ceil(double(ms) - spent)); // never round a phase down
            busy ? fake::spinMs(rest) : fake::sleepMs(rest);
        }
        const double duration = fake::monotonicMs() - t0;
        times[phase] = duration;
        log.phaseComplete(phase, 1, duration);
        if (colour) // a redrawn progress line, then the tick in green
            std::printf("\x1b[2K%s 0%%\r%s 100%%\r\x1b[32m\xe2\x9c\x93\x1b[0m %s\n", phase, phase,
                        phase);
        else
            std::printf("\xe2\x9c\x93 %s\n", phase);
        std::fflush(stdout);
    }
    const double buildMs = fake::monotonicMs() - started;
    if (options.profile != "writer")
        fake::saveMetrics(root, buildMs, times);
    log.event(fake::Info, "build_complete",
              "\"total_pages\": 42, \"total_assets\": 7, \"success\": true", buildMs);
    std::printf("Built 42 pages\n");
    writeResult(options, true, buildMs);
    fake::reportCpu();
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    // Ctrl-C ends Bengal with 130 (KeyboardInterrupt), not with the signal itself.
    ::signal(SIGINT, [](int) { ::_exit(130); });
    if (fake::envFlag("FAKE_BENGAL_IGNORE_TERM"))
        ::signal(SIGTERM, SIG_IGN); // inherited through exec by the helpers
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "__child")
        return fake::helperMain(std::vector<std::string>(args.begin() + 1, args.end()));
    Options options;
    size_t at = 0; // root options come before the subcommand
    for (; at < args.size() && args[at].rfind("-", 0) == 0; ++at) {
        if ((args[at] == "-o" || args[at] == "--output") && at + 1 < args.size()) {
            options.resultFile = args[++at];
        } else if (args[at] == "--force") {
            options.force = true;
        } else if (args[at] == "--version") {
            std::printf("Bengal 0.5.1 (fake)\n");
            return 0;
        } else if (args[at] == "--help") {
            std::printf("usage: bengal [-o FILE [--force]] build [--profile writer|theme-dev|dev] "
                        "[--log-file PATH] [--source DIR]\n");
            return 0;
        } else {
            return usageError("unrecognized arguments: " + args[at]);
        }
    }
    if (at >= args.size())
        return usageError("a command is required");
    if (args[at] != "build" && args[at] != "b")
        return usageError("unknown command '" + args[at] + "'");
    if (const int status = parseBuildOptions(
            std::vector<std::string>(args.begin() + long(at) + 1, args.end()), options);
        status >= 0)
        return status;
    struct stat existing;
    if (!options.resultFile.empty() && !options.force &&
        ::stat(options.resultFile.c_str(), &existing) == 0) {
        std::fprintf(stderr, "Error: %s exists; use --force\n", options.resultFile.c_str());
        return 1;
    }
    return build(options);
}
