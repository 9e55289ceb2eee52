#include "domain/Contact.h"

namespace callsnare::domain {

std::string Contact::firstName() const
{
    const auto begin = name.find_first_not_of(" \t");
    if (begin == std::string::npos) {
        return {};
    }
    const auto end = name.find_first_of(" \t", begin);
    return name.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

} // namespace callsnare::domain
