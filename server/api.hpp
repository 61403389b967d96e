// The HTTP server's JSON API (docs/SERVER.md), apart from HTTP itself: each endpoint takes the
// request's query parameters and returns the status and body to send. Hits, facets, entities
// and analyses are written by output/format, as `sova search --json` and the others print them.
#pragma once

#include "server/workers.hpp"

#include <sova/search.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sova::server {

/// A request's query parameters, as decoded from the URL (a name may repeat).
using Params = std::multimap<std::string, std::string>;

/// What to answer: a status and a JSON body.
struct Reply {
    int status = 200;
    std::string body;
};

/// A JSON error reply: {"error":message} plus "parameter" (the one at fault) and "column" (in a
/// query, 1-based) when given.
Reply error_reply(int status, std::string_view message, std::string_view parameter = {}, std::size_t column = 0);

/// Settings of the API.
struct ApiOptions {
    std::vector<std::string> locations; ///< The archive (Searcher::open).
    OpenOptions open;
    unsigned threads = 2;           ///< Searches at the same time (Workers).
    std::size_t queue = 256;        ///< Searches that may wait for a thread; more get 503.
    double time_limit_seconds = 10; ///< SearchOptions::time_limit_seconds.
    std::size_t max_hits = 100;     ///< Largest `n`.
    std::size_t max_offset = 10000; ///< Largest `offset`.
    std::size_t max_params = 64;    ///< More parameters in one request get 400.
};

class Api {
public:
    /// Opens the archive once, so that a server does not start on an index it cannot read:
    /// throws IndexError (OptionError "path") as Searcher::open.
    explicit Api(ApiOptions options);

    /// GET /api/search: q (required), n, offset, lang (repeated or comma-separated), since,
    /// until, all, lenient, facet=entity, cross_script, entities, snippets.
    Reply search(const Params& params);
    /// GET /api/article: id.
    Reply article(const Params& params);
    /// GET /api/entities: type, lang, since, until, n.
    Reply entities(const Params& params);
    /// GET /api/analyze: text, lang.
    Reply analyze(const Params& params);
    /// GET /healthz: {"status":"ok","articles":N}, or 503 when the archive cannot be read.
    Reply health();

    const ApiOptions& options() const { return m_options; }

private:
    // Runs `work` on a worker's Searcher, mapping what it throws to the replies of
    // docs/SERVER.md ("Errors").
    template <typename Work> Reply answer(Work&& work);

    ApiOptions m_options;
    Workers m_workers;
};

} // namespace sova::server
