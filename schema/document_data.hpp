// The document data stored with each article: a JSON object (see docs/SCHEMA.md).
#pragma once

#include <sova/article.hpp>
#include <sova/entity.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace sova::schema {

/// What the indexer stores with an article and the searcher reads back.
using StoredArticle = ::sova::StoredArticle;

/// Serialises `article` to the stored JSON (see below) without copying it first.
std::string encode_document_data(const Article& article, bool lang_detected, const std::vector<Entity>& entities = {});

/// Serialises to the stored JSON: {"v":1,"id":…,"title":…,"url":…,"date":…,"lang":…,
/// "lang_detected":…,"source":…,"entities":[{"key":…,"type":…,"name":…,"n":mentions,
/// "s":salience}…],"text":…,"fields":{…}}. Empty optional fields are omitted.
std::string encode_document_data(const StoredArticle& stored);

/// Appends a JSON array of entities, [{key, type, name, <mentions>, <salience>}, …], with the
/// two counts under the names given (the stored form is compact: "n" and "s").
void append_entity_list(std::string& out, const std::vector<Entity>& entities, std::string_view mentions_key,
                        std::string_view salience_key);

/// Parses stored JSON. A document written by another program yields what can be read.
StoredArticle decode_document_data(std::string_view data);

} // namespace sova::schema
