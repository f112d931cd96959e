#include "core/remediation/RunCommand.h"

#include "core/remediation/ShellQuote.h"

namespace drydock {

namespace {

// Notes become shell comments; a control character (above all a newline) would end the comment and turn
// the rest of the note into a command, so each one is flattened to a space.
std::string commentLine(const std::string& note)
{
    std::string out = "# ";
    for (const char c : note) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? ' ' : c;
    }
    return out;
}

std::string optionText(const RunArg& arg)
{
    std::string out = shellQuote(arg.flag);
    if (arg.hasValue) {
        out += ' ';
        out += shellQuote(arg.value);
    }
    return out;
}

std::string imageAndCommand(const RunCommand& command)
{
    std::string out = shellQuote(command.image);
    for (const auto& word : command.command) {
        out += ' ';
        out += shellQuote(word);
    }
    return out;
}

} // namespace

StringList RunCommand::argv() const
{
    StringList out{"run"};
    for (const auto& o : options) {
        out.push_back(o.flag);
        if (o.hasValue) {
            out.push_back(o.value);
        }
    }
    out.push_back(image);
    out.insert(out.end(), command.begin(), command.end());
    return out;
}

std::string RunCommand::render() const
{
    std::string out;
    for (const auto& note : notes) {
        out += commentLine(note);
        out += '\n';
    }
    out += "docker run";
    for (const auto& o : options) {
        out += " \\\n  ";
        out += optionText(o);
    }
    out += " \\\n  ";
    out += imageAndCommand(*this);
    for (const auto& f : followUps) {
        out += '\n';
        out += f;
    }
    return out;
}

std::string RunCommand::renderOneLine() const
{
    std::string out = "docker run";
    for (const auto& o : options) {
        out += ' ';
        out += optionText(o);
    }
    out += ' ';
    out += imageAndCommand(*this);
    // Follow-ups only make sense once the container exists, hence && rather than ;.
    for (const auto& f : followUps) {
        out += " && ";
        out += f;
    }
    return out;
}

bool RunCommand::hasFlag(const std::string& flag) const
{
    for (const auto& o : options) {
        if (o.flag == flag) {
            return true;
        }
    }
    return false;
}

StringList RunCommand::values(const std::string& flag) const
{
    StringList out;
    for (const auto& o : options) {
        if (o.flag == flag) {
            out.push_back(o.value);
        }
    }
    return out;
}

} // namespace drydock
