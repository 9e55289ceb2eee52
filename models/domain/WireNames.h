#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace callsnare::domain {

// The table behind each enum's wireName()/parseX() pair: the names stored in
// databases and sent over the wire, so they never change once shipped.
template <typename Enum, std::size_t N>
using WireNameTable = std::array<std::pair<Enum, std::string_view>, N>;

template <typename Enum, std::size_t N>
constexpr std::string_view nameIn(const WireNameTable<Enum, N>& table, Enum value)
{
    for (const auto& [candidate, name] : table) {
        if (candidate == value) {
            return name;
        }
    }
    return {};
}

template <typename Enum, std::size_t N>
constexpr std::optional<Enum> valueIn(const WireNameTable<Enum, N>& table, std::string_view text)
{
    for (const auto& [value, name] : table) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

} // namespace callsnare::domain
