#include "client/RelayReply.h"

#include "protocol/JsonFields.h"
#include "store/StoreSql.h"

#include <QNetworkReply>
#include <QNetworkRequest>

namespace callsnare::syncclient {

int httpStatus(QNetworkReply* reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QString relayError(QNetworkReply* reply, const QByteArray& body)
{
    const auto parsed = protocol::parseObject(body.toStdString(), "The relay's error");
    if (parsed) {
        const auto error = parsed.value()->getObject("error");
        if (error && error->has("message")) {
            const QString message = store::toQString(error->optValue<std::string>("message", ""));
            const QString code = store::toQString(error->optValue<std::string>("code", ""));
            return code.isEmpty() ? message : QStringLiteral("%1 (%2)").arg(message, code);
        }
    }
    return reply->errorString();
}

} // namespace callsnare::syncclient
