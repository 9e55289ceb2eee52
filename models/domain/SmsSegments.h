#pragma once

#include <string_view>

namespace callsnare::domain {

// How a carrier will encode a text: the GSM 03.38 7-bit alphabet when every
// character is in it (or its extension table), UCS-2 otherwise.
enum class SmsEncoding { Gsm7, Ucs2 };

struct SmsSegmentCount {
    SmsEncoding encoding = SmsEncoding::Gsm7;
    int segments = 0;
    // Septets for GSM-7 (an extension character costs two), UTF-16 code units
    // for UCS-2 (an emoji outside the BMP costs two).
    int units = 0;
    // Room left in the last segment, in the same units. An empty text has a
    // whole single segment (160) left.
    int unitsLeftInSegment = 0;

    friend bool operator==(const SmsSegmentCount&, const SmsSegmentCount&) = default;
};

// Each segment is billed, so the editor shows the count as the office types.
// GSM-7: 160 septets fit one segment, longer texts go 153 per segment (the
// rest carries the concatenation header); UCS-2: 70 and 67. An escape pair
// or a surrogate pair is never split across segments, so a segment may end
// one unit short. Invalid UTF-8 bytes count as U+FFFD, which forces UCS-2.
SmsSegmentCount countSmsSegments(std::string_view utf8);

} // namespace callsnare::domain
