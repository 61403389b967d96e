// Everything of Sova's public API in one include.
#pragma once

#include <sova/analysis.hpp>
#include <sova/article.hpp>
#include <sova/entity.hpp>
#include <sova/error.hpp>
#include <sova/index.hpp>
#include <sova/search.hpp>
#include <sova/version.hpp>
