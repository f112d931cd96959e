#include "app/cli/ArgParser.h"
#include "app/cli/Commands.h"
#include "app/cli/ExitCode.h"
#include "core/common/Strings.h"
#include "core/docker/ContextResolver.h"
#include "core/docker/EndpointStore.h"

#include <cstdio>

namespace drydock::app {

namespace {

int fail(const std::string& message, int code)
{
    std::fprintf(stderr, "drydock: %s\n", message.c_str());
    return code;
}

} // namespace

// drydock endpoints list|add|remove|import-contexts: the saved endpoint list for `drydock scan --fleet`.
int runEndpoints(const std::vector<std::string>& words)
{
    std::string error;
    const auto args = ArgParser::parse(endpointsSpec(), words, error);
    if (!args) {
        return fail(error, ExitUsage);
    }
    if (args->wantsHelp() || args->positionals.empty()) {
        std::fputs(endpointsHelp().c_str(), args->wantsHelp() ? stdout : stderr);
        return args->wantsHelp() ? ExitOk : ExitUsage;
    }
    const std::string sub = args->positionals.front();
    const EndpointStore store(args->last("--endpoints-file").value_or(EndpointStore::defaultPath()));
    auto saved = store.load();
    if (!saved) {
        return fail(saved.error().message, ExitLocalError);
    }
    std::vector<SavedEndpoint> list = std::move(saved.value());
    const ContextResolver resolver(ResolverEnvironment::fromProcess());

    if (sub == "list") {
        if (list.empty()) {
            std::printf("No saved endpoints (%s). Add one with `drydock endpoints add NAME --host URI`.\n",
                        store.path().c_str());
        }
        for (const auto& e : list) {
            auto resolved = EndpointStore::resolve(e, resolver);
            const std::string address = resolved ? resolved->display() : "(" + resolved.error().message + ")";
            std::string tls;
            if (resolved && resolved->tls) {
                tls = resolved->tlsVerify ? "  TLS, verified" : "  TLS, NOT verified";
            }
            std::printf("%-20s %s%s%s\n", terminalText(e.name, 40).c_str(),
                        terminalText(address, 300).c_str(),
                        e.context.empty() ? "" : ("  (context " + terminalText(e.context, 60) + ")").c_str(),
                        tls.c_str());
        }
        return ExitOk;
    }
    if (sub == "add") {
        if (args->positionals.size() < 2) {
            return fail("endpoints add needs a NAME: drydock endpoints add NAME --host URI | --context NAME",
                        ExitUsage);
        }
        SavedEndpoint e;
        e.name = args->positionals[1];
        e.host = args->last("--host").value_or("");
        e.context = args->last("--context").value_or("");
        e.caFile = args->last("--tlscacert").value_or("");
        e.certFile = args->last("--tlscert").value_or("");
        e.keyFile = args->last("--tlskey").value_or("");
        e.tlsVerify = !args->has("--tls-no-verify");
        if ((!e.certFile.empty() || !e.keyFile.empty()) && e.caFile.empty() && e.tlsVerify) {
            return fail(
                "--tlscert/--tlskey need --tlscacert (the CA that signed the daemon's certificate), or "
                "--tls-no-verify to skip checking the daemon's certificate",
                ExitUsage);
        }
        if (auto ok = EndpointStore::validate(e, list); !ok) {
            return fail(ok.error().message, ExitUsage);
        }
        list.push_back(e);
        if (auto ok = store.save(list); !ok) {
            return fail(ok.error().message, ExitLocalError);
        }
        std::printf("Saved endpoint %s.\n", terminalText(e.name, 64).c_str());
        return ExitOk;
    }
    if (sub == "remove") {
        if (args->positionals.size() < 2) {
            return fail("endpoints remove needs a NAME (see drydock endpoints list)", ExitUsage);
        }
        const auto before = list.size();
        std::erase_if(list, [&](const SavedEndpoint& e) { return e.name == args->positionals[1]; });
        if (list.size() == before) {
            return fail("no saved endpoint is named \"" + args->positionals[1] +
                            "\" (see drydock endpoints list)",
                        ExitUsage);
        }
        if (auto ok = store.save(list); !ok) {
            return fail(ok.error().message, ExitLocalError);
        }
        std::printf("Removed endpoint %s.\n", terminalText(args->positionals[1], 64).c_str());
        return ExitOk;
    }
    if (sub == "import-contexts") {
        int added = 0;
        for (const auto& context : resolver.listContexts()) {
            SavedEndpoint e;
            e.name = context.name;
            e.context = context.name;
            if (EndpointStore::validate(e, list)) {
                list.push_back(e);
                ++added;
            }
        }
        if (auto ok = store.save(list); !ok) {
            return fail(ok.error().message, ExitLocalError);
        }
        std::printf("Added %d Docker context(s); names already saved were kept as they were.\n", added);
        return ExitOk;
    }
    return fail("unknown endpoints command '" + sub + "' (use list, add, remove or import-contexts)",
                ExitUsage);
}

} // namespace drydock::app
