#pragma once

#include <QByteArray>
#include <QString>

class QNetworkReply;

namespace callsnare::syncclient {

// The HTTP status of a finished reply; 0 when none came (network error).
int httpStatus(QNetworkReply* reply);

// What the relay said went wrong: its JSON error's message (and code), else
// the network error's text.
QString relayError(QNetworkReply* reply, const QByteArray& body);

} // namespace callsnare::syncclient
