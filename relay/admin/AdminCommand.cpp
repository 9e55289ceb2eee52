#include "relay/admin/AdminCommand.h"

#include "domain/Organization.h"
#include "domain/PhoneNumber.h"
#include "protocol/JsonFields.h"
#include "protocol/OrgSettings.h"
#include "relay/admin/AdminReports.h"
#include "relay/automation/OrgAutomation.h"
#include "relay/automation/OrgSettingsRecords.h"
#include "relay/storage/GroupCommitWriter.h"
#include "relay/storage/LeadSupportView.h"
#include "relay/storage/OrgDirectory.h"
#include "relay/storage/RelayDatabase.h"
#include "relay/storage/SecretBox.h"
#include "relay/sync/DeviceRegistry.h"

#include <Poco/JSON/Object.h>
#include <Poco/NumberParser.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace callsnare::relay {

namespace {

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;
constexpr const char* kDefaultDataDir = "callsnare-relay-data"; // the server's default too

constexpr const char* kUsageText
    = "usage: callsnare-relay admin [--data-dir DIR | --database URI] <command>\n"
      "  org create --name NAME --timezone TZ --number E164 --forward-to E164\n"
      "             --account-sid AC... [--messaging-service-sid MG...] --auth-token-file FILE [--json]\n"
      "  org list [--json]\n"
      "  number add --org ID --number E164\n"
      "  billing set --org ID --state active|trial|past_due|canceled\n"
      "  automation set --org ID [--advanced-opt-out on|off] [--on-call E164|none]\n"
      "             [--intake-file FILE] [--template NAME --template-file FILE]\n"
      "             [--quiet-hours HH:MM-HH:MM|off] [--quiet-policy defer|skip]\n"
      "             [--hours '{\"mon\":[{\"open\":\"08:00\",\"close\":\"17:00\"}],...}']\n"
      "  leads --org ID [--json]\n"
      "  device enroll-code --org ID [--ttl-minutes N]   (the code is the last line printed)\n"
      "  device list --org ID [--json]\n"
      "  device revoke --org ID --device ID\n"
      "The database defaults to $CALLSNARE_RELAY_DATABASE, else SQLite under $CALLSNARE_RELAY_DATA_DIR\n"
      "or ./callsnare-relay-data. Carrier secrets are sealed with the key in CALLSNARE_RELAY_SECRETS_KEY\n"
      "or DIR/relay-secrets.key. Exit codes: 0 done, 1 failed, 2 usage.\n";

// A usage problem or a failure, reported as one line.
struct Outcome {
    int code = kOk;
    std::string message;
};

Outcome usage(std::string message)
{
    return {kUsage, std::move(message)};
}

Outcome failed(const domain::Error& error)
{
    return {kFailed, error.message};
}

struct ParsedArguments {
    std::vector<std::string> words;
    std::map<std::string, std::string, std::less<>> options;
    bool json = false;
};

// --name value, --name=value, and the flag --json; everything else is a word.
std::optional<std::string> parseArguments(const std::vector<std::string>& arguments, ParsedArguments& parsed)
{
    for (std::size_t i = 0; i < arguments.size(); ++i) {
        const std::string& argument = arguments[i];
        if (!argument.starts_with("--")) {
            parsed.words.push_back(argument);
            continue;
        }
        std::string name = argument.substr(2);
        if (name == "json") {
            parsed.json = true;
            continue;
        }
        std::string value;
        if (const auto equals = name.find('='); equals != std::string::npos) {
            value = name.substr(equals + 1);
            name.erase(equals);
        } else {
            if (i + 1 >= arguments.size()) {
                return "--" + name + " needs a value.";
            }
            value = arguments[++i];
        }
        if (parsed.options.contains(name)) {
            return "--" + name + " is given twice.";
        }
        parsed.options.emplace(name, value);
    }
    return std::nullopt;
}

class Command {
public:
    Command(ParsedArguments arguments, std::ostream& out) : m_args(std::move(arguments)), m_out(out) { }

    Outcome run()
    {
        const auto& words = m_args.words;
        const std::string path
            = words.size() >= 2 ? words[0] + " " + words[1] : (words.empty() ? "" : words[0]);
        if (words.empty() || words[0] == "help") {
            m_out << kUsageText;
            return {};
        }
        if (path == "org create") {
            return orgCreate();
        }
        if (path == "org list") {
            return orgList();
        }
        if (path == "number add") {
            return numberAdd();
        }
        if (path == "billing set") {
            return billingSet();
        }
        if (path == "automation set") {
            return automationSet();
        }
        if (path == "device enroll-code") {
            return deviceEnrollCode();
        }
        if (path == "device list") {
            return deviceList();
        }
        if (path == "device revoke") {
            return deviceRevoke();
        }
        if (words[0] == "leads" && words.size() == 1) {
            return leads();
        }
        return usage("Unknown admin command '" + path + "'; run 'callsnare-relay admin help'.");
    }

private:
    // Every option given must be one the command knows; the required ones must be there.
    std::optional<Outcome> expect(std::set<std::string> required, std::set<std::string> optional,
                                  bool allowJson)
    {
        std::size_t expectedWords = m_args.words.size();
        if ((m_args.words[0] == "leads" && expectedWords != 1)
            || (m_args.words[0] != "leads" && expectedWords != 2)) {
            return usage("Unexpected argument '" + m_args.words.back() + "'.");
        }
        if (m_args.json && !allowJson) {
            return usage("--json is not an option of this command.");
        }
        for (const auto& [name, value] : m_args.options) {
            if (name == "data-dir" || name == "database") {
                continue;
            }
            if (!required.contains(name) && !optional.contains(name)) {
                return usage("Unknown option --" + name + " for '" + m_args.words[0] + "'.");
            }
            if (value.empty()) {
                return usage("--" + name + " is empty.");
            }
        }
        for (const std::string& name : required) {
            if (!m_args.options.contains(name)) {
                return usage("Missing --" + name + ".");
            }
        }
        return std::nullopt;
    }

    const std::string& option(std::string_view name) const { return m_args.options.find(name)->second; }
    std::optional<std::string> optionalOption(std::string_view name) const
    {
        const auto found = m_args.options.find(name);
        return found == m_args.options.end() ? std::nullopt : std::optional<std::string>(found->second);
    }

    std::string dataDir() const
    {
        if (auto given = optionalOption("data-dir")) {
            return *given;
        }
        if (const char* fromEnvironment = std::getenv("CALLSNARE_RELAY_DATA_DIR");
            fromEnvironment && *fromEnvironment) {
            return fromEnvironment;
        }
        return kDefaultDataDir;
    }

    std::string databaseUri() const
    {
        if (auto given = optionalOption("database")) {
            return *given;
        }
        if (m_args.options.contains("data-dir")) {
            return {}; // an explicit data dir means its SQLite database
        }
        if (const char* fromEnvironment = std::getenv("CALLSNARE_RELAY_DATABASE");
            fromEnvironment && *fromEnvironment) {
            return fromEnvironment;
        }
        return {};
    }

    // Opens the storage. Commands that never seal or unseal get a throwaway
    // key, so reading never creates a key file as a side effect.
    std::optional<Outcome> open(bool needsSecrets)
    {
        auto database = RelayDatabase::open(DatabaseOptions{dataDir(), databaseUri()});
        if (!database) {
            return failed(database.error());
        }
        m_database = std::move(database).value();
        auto writer = GroupCommitWriter::start(*m_database);
        if (!writer) {
            return failed(writer.error());
        }
        m_writer = std::move(writer).value();
        auto secrets = needsSecrets ? SecretBox::load(dataDir())
                                    : SecretBox::fromBase64Key(SecretBox::generateBase64Key());
        if (!secrets) {
            return failed(secrets.error());
        }
        m_directory.emplace(*m_database, *m_writer, std::move(secrets).value());
        return std::nullopt;
    }

    static std::optional<Outcome> parsePhone(const std::string& flag, const std::string& text,
                                             std::optional<domain::PhoneNumber>& phone)
    {
        auto parsed = domain::PhoneNumber::parse(text);
        if (!parsed) {
            return usage("--" + flag + ": " + parsed.error().message);
        }
        phone = parsed.value();
        return std::nullopt;
    }

    static bool isKnownTimeZone(const std::string& zone)
    {
        if (zone.empty() || zone.front() == '/' || zone.find("..") != std::string::npos) {
            return false;
        }
        for (const char c : zone) {
            const bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '/' || c == '_' || c == '-' || c == '+';
            if (!allowed) {
                return false;
            }
        }
        std::error_code error;
        return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / zone, error);
    }

    Outcome orgCreate()
    {
        if (auto bad = expect({"name", "timezone", "number", "forward-to", "account-sid", "auth-token-file"},
                              {"messaging-service-sid"}, true)) {
            return *bad;
        }
        if (!isKnownTimeZone(option("timezone"))) {
            return usage("--timezone: '" + option("timezone") + "' is not a known IANA time zone.");
        }
        std::optional<domain::PhoneNumber> number;
        std::optional<domain::PhoneNumber> office;
        if (auto bad = parsePhone("number", option("number"), number)) {
            return *bad;
        }
        if (auto bad = parsePhone("forward-to", option("forward-to"), office)) {
            return *bad;
        }
        std::ifstream tokenFile(option("auth-token-file"));
        std::string token;
        if (!tokenFile || !std::getline(tokenFile, token)) {
            return usage("--auth-token-file: cannot read " + option("auth-token-file") + ".");
        }
        while (!token.empty() && (token.back() == '\r' || token.back() == ' ' || token.back() == '\t')) {
            token.pop_back();
        }
        if (token.empty()) {
            return usage("--auth-token-file: the file is empty.");
        }
        if (auto bad = open(true)) {
            return *bad;
        }
        NewOrganization spec{option("name"), option("timezone"),    *number,
                             *office,        option("account-sid"), optionalOption("messaging-service-sid"),
                             token};
        // A device enrolled later reads the settings from the organization's first event.
        const OrgSettingsRecords settings(m_database->dialect());
        auto created
            = m_directory->createOrganization(spec, [&](Poco::Data::Session& session, const std::string& id) {
                  settings.publish(session, id, OrgSettingsRecords::Version::First, now());
              });
        std::fill(token.begin(), token.end(), '\0');
        std::fill(spec.authToken.begin(), spec.authToken.end(), '\0');
        if (!created) {
            return failed(created.error());
        }
        if (m_args.json) {
            Poco::JSON::Object result(Poco::JSON_PRESERVE_KEY_ORDER);
            result.set("id", created.value());
            result.stringify(m_out);
            m_out << '\n';
        } else {
            m_out << created.value() << '\n';
        }
        return {};
    }

    Outcome orgList()
    {
        if (auto bad = expect({}, {}, true)) {
            return *bad;
        }
        if (auto bad = open(false)) {
            return *bad;
        }
        auto records = m_directory->listOrganizations();
        if (!records) {
            return failed(records.error());
        }
        if (!m_args.json) {
            for (const OrganizationRecord& record : records.value()) {
                const domain::Organization& org = record.organization;
                m_out << org.id << '\t' << org.name << '\t' << domain::wireName(org.billing) << '\t';
                for (std::size_t i = 0; i < org.numbers.size(); ++i) {
                    m_out << (i == 0 ? "" : ",") << org.numbers[i].e164();
                }
                m_out << '\n';
            }
            return {};
        }
        Poco::JSON::Array list;
        for (const OrganizationRecord& record : records.value()) {
            const domain::Organization& org = record.organization;
            Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
            item.set("id", org.id);
            item.set("name", org.name);
            item.set("time_zone", org.timeZone);
            item.set("office_number", org.officeNumber ? org.officeNumber->e164() : std::string());
            Poco::JSON::Array numbers;
            for (const auto& number : org.numbers) {
                numbers.add(number.e164());
            }
            item.set("numbers", numbers);
            item.set("billing_state", std::string(domain::wireName(org.billing)));
            item.set("dedupe_window_minutes", static_cast<Poco::Int64>(org.dedupeWindow.count()));
            item.set("account_sid", record.accountSid);
            item.set("messaging_service_sid",
                     record.messagingServiceSid ? Poco::Dynamic::Var(*record.messagingServiceSid)
                                                : Poco::Dynamic::Var());
            item.set("created_at", domain::formatInstant(record.createdAt));
            list.add(item);
        }
        list.stringify(m_out);
        m_out << '\n';
        return {};
    }

    Outcome numberAdd()
    {
        if (auto bad = expect({"org", "number"}, {}, false)) {
            return *bad;
        }
        std::optional<domain::PhoneNumber> number;
        if (auto bad = parsePhone("number", option("number"), number)) {
            return *bad;
        }
        if (auto bad = open(false)) {
            return *bad;
        }
        if (auto added = m_directory->addNumber(option("org"), *number); !added) {
            return failed(added.error());
        }
        return {};
    }

    Outcome billingSet()
    {
        if (auto bad = expect({"org", "state"}, {}, false)) {
            return *bad;
        }
        const auto state = domain::parseBillingState(option("state"));
        if (!state) {
            return usage("--state must be active, trial, past_due or canceled.");
        }
        if (auto bad = open(false)) {
            return *bad;
        }
        if (auto set = m_directory->setBilling(option("org"), *state); !set) {
            return failed(set.error());
        }
        return {};
    }

    static std::optional<std::string> readTextFile(const std::string& path)
    {
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            return std::nullopt;
        }
        std::ostringstream text;
        text << file.rdbuf();
        return text.str();
    }

    Outcome automationSet()
    {
        if (auto bad = expect({"org"},
                              {"advanced-opt-out", "on-call", "intake-file", "template", "template-file",
                               "quiet-hours", "quiet-policy", "hours"},
                              false)) {
            return *bad;
        }
        AutomationChange change;
        if (auto window = optionalOption("quiet-hours")) {
            if (*window == "off") {
                change.quietHours = std::make_pair(0, 0);
            } else {
                int startHour = 0, startMinute = 0, endHour = 0, endMinute = 0;
                char colon1 = 0, dash = 0, colon2 = 0;
                std::istringstream in(*window);
                in >> startHour >> colon1 >> startMinute >> dash >> endHour >> colon2 >> endMinute;
                if (!in || !in.eof() || colon1 != ':' || dash != '-' || colon2 != ':' || startHour < 0
                    || startHour > 23 || endHour < 0 || endHour > 23 || startMinute < 0 || startMinute > 59
                    || endMinute < 0 || endMinute > 59) {
                    return usage("--quiet-hours must be HH:MM-HH:MM (e.g. 21:00-08:00) or off.");
                }
                change.quietHours = std::make_pair(startHour * 60 + startMinute, endHour * 60 + endMinute);
            }
        }
        if (auto hours = optionalOption("hours")) {
            // The week as the sync protocol writes it; days left out are closed.
            auto object = protocol::parseObject(*hours, "--hours");
            if (!object) {
                return usage("--hours: " + object.error().message);
            }
            protocol::JsonFields fields(new Poco::JSON::Object, "");
            protocol::SettingsChange check;
            check.businessHours = protocol::readWeeklyHours(fields, "--hours", object.value());
            if (!fields.ok()) {
                return usage(fields.error().message);
            }
            if (const auto problem = protocol::checkSettingsChange(check)) {
                return usage("--hours " + problem->field.substr(problem->field.find('.') + 1) + ": "
                             + problem->problem);
            }
            change.businessHours = check.businessHours;
        }
        if (auto policy = optionalOption("quiet-policy")) {
            if (*policy != "defer" && *policy != "skip") {
                return usage("--quiet-policy must be defer or skip.");
            }
            change.quietPolicy
                = *policy == "skip" ? domain::QuietHoursPolicy::Skip : domain::QuietHoursPolicy::Defer;
        }
        if (auto flag = optionalOption("advanced-opt-out")) {
            if (*flag != "on" && *flag != "off") {
                return usage("--advanced-opt-out must be on or off.");
            }
            change.advancedOptOut = *flag == "on";
        }
        if (auto onCall = optionalOption("on-call")) {
            if (*onCall == "none") {
                change.onCallNumber = std::optional<domain::PhoneNumber>();
            } else {
                std::optional<domain::PhoneNumber> number;
                if (auto bad = parsePhone("on-call", *onCall, number)) {
                    return *bad;
                }
                change.onCallNumber = number;
            }
        }
        if (auto file = optionalOption("intake-file")) {
            const auto json = readTextFile(*file);
            if (!json) {
                return usage("--intake-file: cannot read " + *file + ".");
            }
            auto questions = OrgAutomationRecords::questionsFromJson(*json);
            if (!questions) {
                return usage("--intake-file: " + questions.error().message);
            }
            change.intakeQuestions = std::move(questions).value();
        }
        if (optionalOption("template").has_value() != optionalOption("template-file").has_value()) {
            return usage("--template and --template-file go together.");
        }
        if (auto name = optionalOption("template")) {
            const auto text = readTextFile(option("template-file"));
            if (!text) {
                return usage("--template-file: cannot read " + option("template-file") + ".");
            }
            std::string body = *text;
            while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) {
                body.pop_back();
            }
            change.templates.emplace_back(*name, body);
        }
        if (auto bad = open(false)) {
            return *bad;
        }
        const OrgAutomationRecords records(m_database->dialect());
        const std::string orgId = option("org");
        const auto at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
        const OrgSettingsRecords settings(m_database->dialect());
        if (auto applied = m_writer->run([&](Poco::Data::Session& session) -> domain::Result<void> {
                auto written = records.apply(session, orgId, change, at);
                if (written) {
                    // Devices hear of an operator's change like of their own.
                    settings.publish(session, orgId, OrgSettingsRecords::Version::Moved, at);
                }
                return written;
            });
            !applied) {
            return failed(applied.error());
        }
        return {};
    }

    Outcome leads()
    {
        if (auto bad = expect({"org"}, {}, true)) {
            return *bad;
        }
        if (auto bad = open(false)) {
            return *bad;
        }
        auto org = m_directory->findOrganization(option("org"));
        if (!org) {
            return failed(org.error());
        }
        if (!org.value()) {
            return failed(domain::makeError("unknown_organization",
                                            "No organization has the id " + option("org") + "."));
        }
        auto found = LeadSupportView(*m_database).leads(option("org"));
        if (!found) {
            return failed(found.error());
        }
        if (m_args.json) {
            writeLeadsJson(option("org"), found.value(), m_out);
        } else {
            writeLeadsText(found.value(), m_out);
        }
        return {};
    }

    static domain::Instant now()
    {
        return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    }

    Outcome deviceEnrollCode()
    {
        if (auto bad = expect({"org"}, {"ttl-minutes"}, false)) {
            return *bad;
        }
        auto lifetime = DeviceRegistry::DefaultCodeLifetime;
        if (const auto ttl = optionalOption("ttl-minutes")) {
            int minutes = 0;
            if (!Poco::NumberParser::tryParse(*ttl, minutes) || minutes < 1 || minutes > 7 * 24 * 60) {
                return usage("--ttl-minutes: a whole number of minutes from 1 to 10080.");
            }
            lifetime = std::chrono::minutes{minutes};
        }
        if (auto bad = open(false)) {
            return *bad;
        }
        auto code
            = DeviceRegistry(*m_database, *m_writer).createEnrollmentCode(option("org"), lifetime, now());
        if (!code) {
            return failed(code.error());
        }
        m_out << "Enrollment code for organization " << option("org") << ", valid for " << lifetime.count()
              << " minutes and one device:\n"
              << code.value() << '\n';
        return {};
    }

    Outcome deviceList()
    {
        if (auto bad = expect({"org"}, {}, true)) {
            return *bad;
        }
        if (auto bad = open(false)) {
            return *bad;
        }
        auto devices = DeviceRegistry(*m_database, *m_writer).list(option("org"));
        if (!devices) {
            return failed(devices.error());
        }
        if (m_args.json) {
            writeDevicesJson(option("org"), devices.value(), m_out);
        } else {
            writeDevicesText(devices.value(), m_out);
        }
        return {};
    }

    Outcome deviceRevoke()
    {
        if (auto bad = expect({"org", "device"}, {}, false)) {
            return *bad;
        }
        if (auto bad = open(false)) {
            return *bad;
        }
        if (auto revoked
            = DeviceRegistry(*m_database, *m_writer).revoke(option("org"), option("device"), now());
            !revoked) {
            return failed(revoked.error());
        }
        m_out << "Device " << option("device") << " revoked; its token no longer works.\n";
        return {};
    }

    ParsedArguments m_args;
    std::ostream& m_out;
    std::unique_ptr<RelayDatabase> m_database;
    std::unique_ptr<GroupCommitWriter> m_writer;
    std::optional<OrgDirectory> m_directory;
};

} // namespace

int runAdmin(const std::vector<std::string>& arguments, std::ostream& out, std::ostream& err)
{
    ParsedArguments parsed;
    if (auto problem = parseArguments(arguments, parsed)) {
        err << "callsnare-relay admin: " << *problem << '\n';
        return kUsage;
    }
    if (parsed.options.contains("data-dir") && parsed.options.contains("database")
        && !parsed.options.find("database")->second.starts_with("postgres")) {
        err << "callsnare-relay admin: give --data-dir or a SQLite --database, not both.\n";
        return kUsage;
    }
    Outcome outcome;
    try {
        outcome = Command(std::move(parsed), out).run();
    } catch (const std::exception& e) {
        outcome = {kFailed, e.what()};
    }
    if (outcome.code != kOk) {
        err << "callsnare-relay admin: " << outcome.message << '\n';
    }
    return outcome.code;
}

int runAdmin(int argc, char** argv)
{
    std::vector<std::string> arguments;
    for (int i = 2; i < argc; ++i) {
        arguments.emplace_back(argv[i]);
    }
    return runAdmin(arguments, std::cout, std::cerr);
}

} // namespace callsnare::relay
