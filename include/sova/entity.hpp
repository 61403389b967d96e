// Entities: people, organisations and places recognised in articles and linked from queries.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sova {

/// An entity of one article, or one linked from a query.
struct Entity {
    /// Canonical key, the same in every script and spelling (docs/ENTITIES.md): "place:kyiv.ua"
    /// (gazetteer), "org:nato" (organisations), "name:aln_mrk" (people and other names the
    /// recogniser found, by the sound keys of their words), "<type>:<slug>" (aliases file).
    /// Stored as the XE term.
    std::string key;
    std::string type;      ///< "person", "org", "place" or "other".
    std::string name;      ///< A readable name, as written in the article (or the gazetteer's).
    unsigned mentions = 0; ///< Times the article mentions it.
    unsigned salience = 0; ///< Mentions, plus 3 when in the title and 2 when in the lead.
};

/// The entities the indexer would store for an article with this title and text in `lang`
/// (detected when empty), most salient first, using the installed gazetteer (see
/// docs/ENTITIES.md). For looking at what recognition does (`sova analyze`).
std::vector<Entity> find_entities(std::string_view title, std::string_view text, std::string_view lang = {});

/// Where entity recognition found its gazetteer of places, and where it looked.
struct GazetteerLocation {
    /// The gazetteer read; "" when there is none: places are then not recognised by name, only
    /// by how an article writes them (and through an aliases file).
    std::string path;
    /// The files looked for, in order; empty when $SOVA_GAZETTEER chose the file (or none).
    std::vector<std::string> searched;
};

/// Finds the gazetteer of places (docs/ENTITIES.md, "Where the gazetteer is found"), in order:
///  1. $SOVA_GAZETTEER when set: the file it names, or none when it is empty;
///  2. share/sova/places.idx relative to the program or shared object holding Sova's code
///     (`bin/sova` -> `share/sova/`), so that an installed prefix finds its own data wherever
///     it is moved or packaged;
///  3. the build tree's, only for a program that runs from the build tree;
///  4. where the build was configured to install it, then where the Debian package installs it
///     (/usr/share/sova/), for programs that link Sova's static library from elsewhere.
/// Throws sova::Error when $SOVA_GAZETTEER names a file that does not exist: it was asked for.
GazetteerLocation locate_gazetteer();

} // namespace sova
