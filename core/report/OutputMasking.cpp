#include "core/report/OutputMasking.h"

#include "core/common/Strings.h"
#include "core/secrets/SecretDetector.h"
#include "core/secrets/SecretMask.h"

#include <utility>

namespace drydock::json::detail {

std::string maskNamedValue(std::string_view name, std::string_view value)
{
    return maskedValue(name, value, SecretPlace::Option);
}

std::string maskEnvEntry(std::string_view entry)
{
    const std::size_t eq = entry.find('=');
    if (eq == std::string_view::npos) {
        return maskSecretsInText(entry);
    }
    // A daemon may hand out any text before the '=': known token shapes there are masked too.
    return maskSecretsInText(entry.substr(0, eq)) + "=" +
           maskedValue(entry.substr(0, eq), entry.substr(eq + 1), SecretPlace::Env);
}

StringList maskEnv(const StringList& env)
{
    StringList out;
    out.reserve(env.size());
    for (const auto& e : env) {
        out.push_back(maskEnvEntry(e));
    }
    return out;
}

StringMap maskMap(const StringMap& map)
{
    StringMap out;
    for (const auto& [k, v] : map) {
        out.emplace(maskSecretsInText(k), maskNamedValue(k, v));
    }
    return out;
}

StringList maskArgs(const StringList& args)
{
    StringList out;
    out.reserve(args.size());
    std::string pendingFlag; // "--token abc": the next word is the flag's value
    for (const auto& arg : args) {
        if (!pendingFlag.empty()) {
            const std::string flag = std::exchange(pendingFlag, {});
            if (!startsWith(arg, "-")) {
                out.push_back(maskedValue(flag, arg, SecretPlace::Flag));
                continue;
            }
        }
        const std::size_t eq = arg.find('=');
        std::string_view name = std::string_view(arg).substr(0, eq == std::string::npos ? arg.size() : eq);
        const bool isFlag = startsWith(arg, "-");
        while (!name.empty() && name.front() == '-') {
            name.remove_prefix(1);
        }
        if (eq != std::string::npos && eq > 0) {
            // --password=x, DB_PASSWORD=x: judged by the part before '='.
            out.push_back(maskSecretsInText(arg.substr(0, eq)) + "=" +
                          maskedValue(name, std::string_view(arg).substr(eq + 1),
                                      isFlag ? SecretPlace::Flag : SecretPlace::Env));
            continue;
        }
        if (isFlag) {
            pendingFlag = std::string(name);
        }
        out.push_back(maskSecretsInText(arg));
    }
    return out;
}

std::string maskText(std::string_view text)
{
    return maskSecretsInText(text);
}

} // namespace drydock::json::detail
