#include "core/files/dockerfile/DockerfileImage.h"

#include "core/common/Strings.h"
#include "core/files/dockerfile/DockerfileParser.h"

#include <algorithm>
#include <set>

namespace drydock {

namespace {

// The classic builder's record of an instruction that runs no command.
std::string nop(const std::string& text)
{
    return "/bin/sh -c #(nop)  " + text;
}

std::string jsonString(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string jsonArray(const StringList& items)
{
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += (i ? "," : "") + jsonString(items[i]);
    }
    return out + "]";
}

// Go durations as HEALTHCHECK flags give them ("30s", "1m30s", "500ms") in nanoseconds; 0 when unreadable.
std::int64_t durationNs(const std::string& text)
{
    std::int64_t total = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        std::int64_t number = 0;
        const std::size_t start = i;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9' && number < 1000000000) {
            number = number * 10 + (text[i++] - '0');
        }
        if (i == start) {
            return 0;
        }
        std::string unit;
        while (i < text.size() && !(text[i] >= '0' && text[i] <= '9')) {
            unit += text[i++];
        }
        constexpr std::int64_t kSecond = 1000000000;
        if (unit == "ms") {
            total += number * 1000000;
        } else if (unit == "s") {
            total += number * kSecond;
        } else if (unit == "m") {
            total += number * 60 * kSecond;
        } else if (unit == "h") {
            total += number * 3600 * kSecond;
        } else {
            return 0;
        }
    }
    return total;
}

// What a shell-form RUN runs: the heredoc body when the arguments are only heredoc words (`RUN <<EOF`), else
// the arguments followed by the bodies, as the builder hands them to the shell.
std::string runScript(const DockerfileInstruction& in)
{
    if (in.heredocs.empty()) {
        return in.arguments;
    }
    const auto words = split(in.arguments, ' ');
    const bool onlyHeredocs = std::all_of(words.begin(), words.end(), [](const std::string& w) {
        return w.empty() || w.find("<<") != std::string::npos;
    });
    std::string script = onlyHeredocs ? std::string() : in.arguments + "\n";
    for (const auto& heredoc : in.heredocs) {
        script += heredoc.body;
        if (!onlyHeredocs) {
            script += heredoc.delimiter + "\n";
        }
    }
    while (!script.empty() && script.back() == '\n') {
        script.pop_back();
    }
    return script;
}

// Builds one stage's image instruction by instruction.
class StageMapper
{
public:
    StageMapper(const Dockerfile& file, StageImage& out) : m_file(file), m_out(out) {}

    void apply(std::size_t index)
    {
        const DockerfileInstruction& in = m_file.instructions[index];
        m_index = index;
        ContainerConfig& config = m_out.image.config;
        const std::string& k = in.keyword;
        if (k == "RUN") {
            addRun(in);
        } else if (k == "ENV") {
            std::string text = "ENV";
            for (const auto& pair : in.pairs) {
                const std::string value = substitute(pair.value.value_or(""));
                setEnv(pair.name, value);
                m_vars[pair.name] = value;
                text += " " + pair.name + "=" + value;
                m_out.setBy["env:" + pair.name] = index;
            }
            record(nop(text));
        } else if (k == "ARG") {
            std::string text = "ARG";
            for (const auto& pair : in.pairs) {
                std::optional<std::string> value = pair.value;
                if (value) {
                    m_vars[pair.name] = substitute(*value);
                } else if (const auto global = m_file.globalArgValues.find(pair.name);
                           global != m_file.globalArgValues.end()) {
                    m_vars[pair.name] = global->second; // already expanded where it was declared
                }
                text += " " + pair.name + (pair.value ? "=" + *pair.value : std::string());
            }
            record(nop(text));
        } else if (k == "LABEL") {
            std::string text = "LABEL";
            for (const auto& pair : in.pairs) {
                const std::string value = substitute(pair.value.value_or(""));
                config.labels[pair.name] = value;
                text += " " + pair.name + "=" + value;
                m_out.setBy["label:" + pair.name] = index;
            }
            record(nop(text));
        } else if (k == "USER") {
            config.user = substitute(in.arguments);
            m_out.setBy["user"] = index;
            record(nop("USER " + config.user));
        } else if (k == "WORKDIR") {
            const std::string dir = substitute(in.arguments);
            config.workingDir = startsWith(dir, "/") || config.workingDir.empty()
                                    ? dir
                                    : config.workingDir + (endsWith(config.workingDir, "/") ? "" : "/") + dir;
            m_out.setBy["workdir"] = index;
            record(nop("WORKDIR " + config.workingDir));
        } else if (k == "EXPOSE") {
            for (const auto& word : split(substitute(in.arguments), ' ')) {
                if (word.empty()) {
                    continue;
                }
                const std::string port = word.find('/') == std::string::npos ? word + "/tcp" : toLower(word);
                if (m_ports.insert(port).second) {
                    config.exposedPorts.push_back(port);
                }
                m_out.setBy["expose:" + port] = index;
            }
            record(nop("EXPOSE " + in.arguments));
        } else if (k == "VOLUME") {
            StringList paths = in.execForm ? in.execArguments : split(substitute(in.arguments), ' ');
            for (const auto& path : paths) {
                if (!path.empty()) {
                    config.volumes.push_back(path);
                }
            }
            m_out.setBy["volume"] = index;
            record(nop("VOLUME " + jsonArray(config.volumes)));
        } else if (k == "CMD" || k == "ENTRYPOINT") {
            const StringList command = commandOf(in);
            if (k == "CMD") {
                config.cmd = command;
                m_cmdSet = true;
                m_out.setBy["cmd"] = index;
            } else {
                config.entrypoint = command;
                if (!m_cmdSet) {
                    config.cmd.clear(); // ENTRYPOINT resets a CMD inherited from the base image
                }
                m_out.setBy["entrypoint"] = index;
            }
            record(nop(k + " " + jsonArray(command)));
        } else if (k == "HEALTHCHECK") {
            config.healthcheck = healthcheckOf(in);
            m_out.setBy["healthcheck"] = index;
            record(nop("HEALTHCHECK " + in.arguments));
        } else if (k == "ONBUILD") {
            config.onBuild.push_back(in.arguments);
            m_out.setBy["onbuild"] = index;
            record(nop("ONBUILD " + in.arguments));
        } else if (k == "SHELL") {
            config.shell = in.execArguments;
            record(nop("SHELL " + jsonArray(config.shell)));
        } else if (k == "STOPSIGNAL") {
            config.stopSignal = substitute(in.arguments);
            record(nop("STOPSIGNAL " + config.stopSignal));
        } else if (k == "MAINTAINER") {
            m_out.image.author = in.arguments;
        } else if (k == "COPY" || k == "ADD") {
            // --checksum stays in the history as BuildKit writes it: the image rules judge a verified
            // download (ADD --checksum=sha256:… URL) apart from an unverified one.
            const DockerfileFlag* checksum = in.flag("checksum");
            record(
                nop(k + (checksum ? " --checksum=" + checksum->value : std::string()) + " " + in.arguments));
        }
    }

    void record(std::string createdBy)
    {
        ImageHistoryEntry entry;
        entry.createdBy = std::move(createdBy);
        m_history.push_back(std::move(entry));
        m_out.historyInstruction.push_back(m_index);
    }

    void setIndex(std::size_t index) { m_index = index; }

    // The history in the API's order, newest first.
    void finish() { m_out.image.history.assign(m_history.rbegin(), m_history.rend()); }

    // A new stage on top of what is mapped so far: ARGs go out of scope, a CMD set so far counts as
    // inherited.
    void startStage()
    {
        m_cmdSet = false;
        m_vars.clear();
        for (const auto& entry : m_out.image.config.env) {
            const std::size_t eq = entry.find('=');
            m_vars[entry.substr(0, eq)] = eq == std::string::npos ? "" : entry.substr(eq + 1);
        }
    }

private:
    std::string substitute(const std::string& text) const
    {
        return substituteVariables(text, m_vars, m_file.escape, nullptr, true);
    }

    void setEnv(const std::string& name, const std::string& value)
    {
        auto& env = m_out.image.config.env;
        const auto [it, fresh] = m_envIndex.try_emplace(name, env.size());
        if (fresh) {
            env.push_back(name + "=" + value);
        } else {
            env[it->second] = name + "=" + value;
        }
    }

    StringList shellPrefix() const
    {
        return m_out.image.config.shell.empty() ? StringList{"/bin/sh", "-c"} : m_out.image.config.shell;
    }

    StringList commandOf(const DockerfileInstruction& in) const
    {
        if (in.execForm) {
            return in.execArguments;
        }
        StringList command = shellPrefix();
        command.push_back(in.arguments);
        return command;
    }

    void addRun(const DockerfileInstruction& in)
    {
        if (in.execForm) {
            // BuildKit's record; the classic builder's for exec form names no shell either.
            record("RUN " + jsonArray(in.execArguments) + " # buildkit");
            return;
        }
        record(join(shellPrefix(), " ") + " " + runScript(in));
    }

    Healthcheck healthcheckOf(const DockerfileInstruction& in) const
    {
        Healthcheck health;
        const std::string args = trim(in.arguments);
        if (toUpper(args) == "NONE") {
            health.test = {"NONE"};
            return health;
        }
        std::string command = args;
        if (toUpper(args.substr(0, 3)) == "CMD") {
            command = trim(std::string_view(args).substr(3));
        }
        if (auto exec = parseJsonStringArray(command)) {
            health.test = {"CMD"};
            health.test.insert(health.test.end(), exec->begin(), exec->end());
        } else if (!command.empty()) {
            health.test = {"CMD-SHELL", command};
        }
        for (const auto& flag : in.flags) {
            if (flag.name == "interval") {
                health.intervalNs = durationNs(flag.value);
            } else if (flag.name == "timeout") {
                health.timeoutNs = durationNs(flag.value);
            } else if (flag.name == "start-period") {
                health.startPeriodNs = durationNs(flag.value);
            } else if (flag.name == "retries") {
                health.retries = std::atoi(flag.value.c_str());
            }
        }
        return health;
    }

    const Dockerfile& m_file;
    StageImage& m_out;
    std::vector<ImageHistoryEntry> m_history; // oldest first while building
    std::map<std::string, std::string> m_vars;
    std::map<std::string, std::size_t> m_envIndex; // name -> its entry in Config.Env
    std::set<std::string> m_ports;
    std::size_t m_index = 0;
    bool m_cmdSet = false;
};

} // namespace

std::optional<std::size_t> StageImage::instructionOfLayer(int layer) const
{
    if (layer < 1 || static_cast<std::size_t>(layer) > historyInstruction.size()) {
        return std::nullopt;
    }
    return historyInstruction[static_cast<std::size_t>(layer - 1)];
}

StageImage mapStageImage(const Dockerfile& file, int stage, const std::string& id)
{
    // The chain of stages this one is built FROM, oldest first, mapped in one pass (no recursion: a file may
    // chain thousands of stages).
    std::vector<int> chain;
    for (int s = stage; s >= 0; s = file.stages[static_cast<std::size_t>(s)].baseStage) {
        chain.push_back(s);
        if (file.stages[static_cast<std::size_t>(s)].baseStage >= s) {
            break;
        }
    }
    std::reverse(chain.begin(), chain.end());
    StageImage out;
    out.stage = stage;
    StageMapper mapper(file, out);
    const DockerfileStage& root = file.stages[static_cast<std::size_t>(chain.front())];
    if (toLower(root.resolvedBaseImage) != "scratch") {
        // The base image's file system, as its first history entry records it.
        mapper.setIndex(root.fromInstruction);
        mapper.record(nop("ADD file:" + root.resolvedBaseImage + " in / "));
    }
    for (const int s : chain) {
        const DockerfileStage& current = file.stages[static_cast<std::size_t>(s)];
        mapper.startStage();
        for (std::size_t i = current.fromInstruction + 1; i < current.endInstruction; ++i) {
            mapper.apply(i);
        }
    }
    mapper.finish();
    out.image.id = id;
    out.image.config.image = file.stages[static_cast<std::size_t>(stage)].resolvedBaseImage;
    out.image.os = "linux";
    return out;
}

std::vector<int> finalImageStages(const Dockerfile& file)
{
    std::vector<int> stages;
    for (int s = static_cast<int>(file.stages.size()) - 1; s >= 0;
         s = file.stages[static_cast<std::size_t>(s)].baseStage) {
        stages.push_back(s);
        if (file.stages[static_cast<std::size_t>(s)].baseStage >= s) {
            break;
        }
    }
    return stages;
}

} // namespace drydock
