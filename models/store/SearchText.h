#pragma once

#include <QString>

#include <optional>
#include <string>
#include <string_view>

namespace callsnare::store {

// What the full-text index stores and what it is asked, so that what a
// dispatcher types finds what was written, whatever punctuation either used.
//
// Phone numbers: the unicode61 tokenizer keeps "+15125550142" as one token and
// splits "(512) 555-0142" into three, so both sides write a run of 7, 10 or 11
// (leading 1) digits in North American groups: "512 555 0142".

// The text to index for `text`: the same words, with glued phone numbers
// written as "+1 (512) 555-0142" so that their groups are tokens of their own.
QString indexableText(const QString& text);
// The same for UTF-8 text, as UTF-8; nothing when `text` is indexed as it is
// (it has no ASCII digit), so most texts need neither a copy nor QString.
std::optional<std::string> indexableUtf8(std::string_view text);

// An FTS4 MATCH expression for what a person typed, made only of quoted
// tokens (never an operator, never a syntax error): words are ANDed, the last
// unquoted word matches as a prefix ("furn" finds "furnace"), "quoted words"
// and words joined by punctuation ("555-0142", "e-mail") match as phrases,
// neighbouring digit groups ("(512) 555") form one phrase. Empty when nothing
// searchable was typed.
QString ftsMatchExpression(const QString& typed);

} // namespace callsnare::store
