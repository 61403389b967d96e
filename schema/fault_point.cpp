#include "schema/fault_point.hpp"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace sova::detail {

namespace {

struct Rule {
    std::string point;
    unsigned long when = 0;
    int signal = 0;
    std::atomic<unsigned long> reached{0};
};

// Parsed once: "<point>:<n>:<kill|stop>[,...]"; malformed rules are ignored.
const std::vector<std::unique_ptr<Rule>>& rules() {
    static const std::vector<std::unique_ptr<Rule>> parsed = [] {
        std::vector<std::unique_ptr<Rule>> out;
        const char* env = std::getenv("SOVA_FAULT");
        if (!env) return out;
        std::string spec = env;
        for (std::size_t start = 0; start <= spec.size();) {
            std::size_t end = spec.find(',', start);
            if (end == std::string::npos) end = spec.size();
            std::string rule = spec.substr(start, end - start);
            start = end + 1;
            std::size_t a = rule.find(':'), b = rule.rfind(':');
            if (a == std::string::npos || a == b) continue;
            auto r = std::make_unique<Rule>();
            r->point = rule.substr(0, a);
            r->when = std::strtoul(rule.substr(a + 1, b - a - 1).c_str(), nullptr, 10);
            std::string action = rule.substr(b + 1);
            r->signal = action == "kill" ? SIGKILL : action == "stop" ? SIGSTOP : 0;
            if (r->when > 0 && r->signal != 0) out.push_back(std::move(r));
        }
        return out;
    }();
    return parsed;
}

} // namespace

void fault_point(std::string_view point) {
    static const bool enabled = !rules().empty();
    if (!enabled) return;
    for (const auto& rule : rules())
        if (rule->point == point && rule->reached.fetch_add(1) + 1 == rule->when) std::raise(rule->signal);
}

} // namespace sova::detail
