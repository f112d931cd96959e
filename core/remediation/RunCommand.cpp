#include "core/remediation/RunCommand.h"

#include "core/common/ShellQuote.h"
#include "core/common/VisibleText.h"

namespace drydock {

namespace {

// Notes become shell comments; a newline would end the comment and turn the rest of the note into a command,
// and any other hidden character would reach the terminal, so the note is shown with visible escapes.
std::string commentLine(const std::string& note)
{
    return "# " + visibleText(note);
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

bool isReferenceCharacter(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-' || c == ':' || c == '/' || c == '@';
}

} // namespace

bool isImageReferenceWord(std::string_view text)
{
    if (text.empty() || text.size() > 4096) {
        return false;
    }
    const char first = text.front();
    if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
          (first >= '0' && first <= '9'))) {
        return false;
    }
    for (const char c : text) {
        if (!isReferenceCharacter(c)) {
            return false;
        }
    }
    return true;
}

StringList NetworkConnect::argv() const
{
    StringList out{"network", "connect"};
    for (const auto& a : aliases) {
        out.push_back("--alias");
        out.push_back(a);
    }
    if ((!network.empty() && network.front() == '-') || (!container.empty() && container.front() == '-')) {
        out.push_back("--");
    }
    out.push_back(network);
    out.push_back(container);
    return out;
}

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

std::string RunCommand::unrenderableReason() const
{
    if (isImageReferenceWord(image)) {
        return {};
    }
    return "No docker command is shown: the image reference \"" + visibleText(image.substr(0, 200)) +
           "\" is not one the docker CLI accepts (a leading '-' would be read as an option). Check the "
           "container's image with docker inspect.";
}

std::string RunCommand::render() const
{
    std::string out;
    for (const auto& note : notes) {
        out += commentLine(note);
        out += '\n';
    }
    if (const std::string reason = unrenderableReason(); !reason.empty()) {
        return out + commentLine(reason);
    }
    out += "docker run";
    for (const auto& o : options) {
        out += " \\\n  ";
        out += optionText(o);
    }
    out += " \\\n  ";
    out += imageAndCommand(*this);
    for (const auto& f : followUps) {
        out += "\ndocker ";
        out += shellJoin(f.argv());
    }
    return out;
}

std::string RunCommand::renderOneLine() const
{
    if (const std::string reason = unrenderableReason(); !reason.empty()) {
        return commentLine(reason);
    }
    std::string out = "docker run";
    for (const auto& o : options) {
        out += ' ';
        out += optionText(o);
    }
    out += ' ';
    out += imageAndCommand(*this);
    // Follow-ups only make sense once the container exists, hence && rather than ;.
    for (const auto& f : followUps) {
        out += " && docker ";
        out += shellJoin(f.argv());
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
