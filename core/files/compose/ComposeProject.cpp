#include "core/files/compose/ComposeProject.h"

#include "core/common/Strings.h"
#include "core/files/compose/detail/ComposeLoading.h"
#include "core/secrets/SecretMask.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace drydock {
namespace {

using compose::detail::mergeDocuments;
using compose::detail::normalizeService;

std::string directoryOf(const std::string& path)
{
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) {
        return {};
    }
    return slash == 0 ? std::string("/") : path.substr(0, slash);
}

std::string baseNameOf(std::string path)
{
    while (path.size() > 1 && path.back() == '/') {
        path.pop_back();
    }
    const std::size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Compose's project names: lower case letters, digits, '-' and '_', starting with a letter or digit.
std::string projectNameFrom(const std::string& raw)
{
    std::string out;
    for (const char c : toLower(raw)) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ((c == '-' || c == '_') && !out.empty())) {
            out += c;
        }
    }
    return out.empty() ? std::string("default") : out;
}

std::string markText(const std::string& path, const YamlMark& mark)
{
    return path + ": line " + std::to_string(mark.line) + ", column " + std::to_string(mark.column);
}

// Reads the files of one project: the -f files, .env, env_file and extends: file:, each once.
class ProjectLoader
{
public:
    explicit ProjectLoader(const ComposeLoadRequest& request) : m_request(request) {}

    Result<ComposeProject> load()
    {
        if (m_request.files.empty()) {
            return Error::make(ErrorCode::InvalidArgument, "no compose file given: name at least one (-f).");
        }
        if (!m_request.readFile) {
            return Error::make(ErrorCode::Internal, "loadComposeProject needs a readFile function.");
        }
        m_project.directory = m_request.projectDirectory.empty() ? directoryOf(m_request.files.front())
                                                                 : m_request.projectDirectory;
        readDotEnv();
        YamlNode merged = YamlNode::map();
        for (const auto& path : m_request.files) {
            auto doc = loadFile(path, m_project.directory, false);
            if (!doc.ok()) {
                return doc.error();
            }
            const int file = static_cast<int>(m_project.files.size()) - 1;
            std::vector<std::string> includes{path};
            if (auto included = applyIncludes(*doc, file, includes); !included.ok()) {
                return included.error();
            }
            if (auto resolved = resolveExtends(*doc, file); !resolved.ok()) {
                return resolved.error();
            }
            merged = mergeDocuments(merged, *doc);
        }
        return finish(merged);
    }

private:
    void readDotEnv()
    {
        for (const auto& [name, value] : m_request.environment) {
            m_project.variables[name] = value;
        }
        const std::string path = joinComposePath(m_project.directory, ".env");
        auto text = m_request.readFile(path);
        if (text.ok() && text->size() > m_request.limits.maxFileBytes) {
            text = Error::make(ErrorCode::TooLarge,
                               "larger than " + std::to_string(m_request.limits.maxFileBytes) + " bytes");
        }
        if (!text.ok()) {
            if (text.error().code != ErrorCode::NotFound) {
                m_project.notes.push_back(".env could not be read (" + text.error().message +
                                          "); its variables are unset here.");
            }
            return;
        }
        const VariableLookup env = [this](const std::string& name) { return environmentValue(name); };
        auto entries = parseEnvFile(*text, env);
        if (!entries.ok()) {
            m_project.notes.push_back(path + ": " + entries.error().message +
                                      " Its variables are unset here.");
            return;
        }
        for (const auto& e : *entries) {
            // The shell's environment wins over the .env file, as in Compose.
            if (e.value && !m_request.environment.count(e.name)) {
                m_project.variables[e.name] = *e.value;
            }
        }
    }

    std::optional<std::string> environmentValue(const std::string& name) const
    {
        const auto it = m_request.environment.find(name);
        return it == m_request.environment.end() ? std::nullopt : std::optional<std::string>(it->second);
    }

    std::optional<std::string> variable(const std::string& name) const
    {
        const auto it = m_project.variables.find(name);
        return it == m_project.variables.end() ? std::nullopt : std::optional<std::string>(it->second);
    }

    // Reads, parses and interpolates one file and appends it to the project's files.
    Result<YamlNode> loadFile(const std::string& path, const std::string& baseDirectory, bool viaExtends)
    {
        auto text = m_request.readFile(path);
        if (!text.ok()) {
            return Error::make(text.error().code, path + ": " + text.error().message);
        }
        const int file = static_cast<int>(m_project.files.size());
        m_project.files.push_back({path, *text, baseDirectory, viaExtends});
        auto doc = loadYaml(*text, m_request.limits, file);
        if (!doc.ok()) {
            return Error::make(doc.error().code, path + ": " + doc.error().message);
        }
        if (doc->isNull()) {
            *doc = YamlNode::map(doc->mark);
        }
        if (!doc->isMap()) {
            return Error::make(ErrorCode::InvalidArgument,
                               markText(path, doc->mark) +
                                   ": a compose file is a map (services:, volumes: …).");
        }
        if (auto done = interpolateTree(*doc, path, "", ""); !done.ok()) {
            return done.error();
        }
        if (YamlNode* services = doc->find("services"); services && services->isMap()) {
            for (auto& s : services->entries) {
                normalizeService(s.value);
            }
        }
        return doc;
    }

    Result<void> interpolateTree(YamlNode& node, const std::string& path, const std::string& keyPath,
                                 const std::string& key)
    {
        if (node.isScalar()) {
            const VariableLookup lookup = [this](const std::string& name) { return variable(name); };
            auto out = interpolate(node.value, lookup);
            if (!out.ok()) {
                // The message quotes the value it could not read: a secret in it is masked.
                return Error::make(out.error().code,
                                   markText(path, node.mark) + ": " + maskSecretsInText(out.error().message));
            }
            std::string usedBy = key;
            if (endsWith(keyPath, ".environment[]") || endsWith(keyPath, ".labels[]")) {
                usedBy = node.value.substr(0, node.value.find('='));
            }
            for (const auto& name : out->unset) {
                m_project.unset.push_back({name, usedBy, keyPath, node.mark});
            }
            node.value = std::move(out->text);
            return {};
        }
        for (auto& item : node.items) {
            if (auto done = interpolateTree(item, path, keyPath + "[]", key); !done.ok()) {
                return done;
            }
        }
        for (auto& e : node.entries) {
            const std::string child = keyPath.empty() ? e.key.value : keyPath + "." + e.key.value;
            if (auto done = interpolateTree(e.value, path, child, e.key.value); !done.ok()) {
                return done;
            }
        }
        return {};
    }

    // `include:` (Compose 2.20): each file it names is loaded as a document of its own (relative paths
    // against its own folder, its own includes and extends resolved) and its services and sections are added;
    // a service both included and defined is an error, as in Compose. `stack` holds the including files.
    Result<void> applyIncludes(YamlNode& doc, int file, std::vector<std::string>& stack)
    {
        const YamlEntry* include = doc.entry("include");
        if (!include) {
            return {};
        }
        std::vector<const YamlNode*> paths;
        const auto addPaths = [&paths](const YamlNode& n) {
            if (n.isScalar()) {
                paths.push_back(&n);
            }
            for (const auto& item : n.items) {
                if (item.isScalar()) {
                    paths.push_back(&item);
                }
            }
        };
        static const std::vector<YamlNode> noItems;
        // Both branches lvalues: a temporary here would leave `paths` pointing into a destroyed copy.
        for (const auto& item : include->value.isSequence() ? include->value.items : noItems) {
            if (const YamlNode* path = item.isMap() ? item.find("path") : &item) {
                addPaths(*path);
            }
        }
        const std::string referrer =
            m_project.files[static_cast<std::size_t>(file)].path; // files grows below
        std::vector<YamlNode> documents;
        for (const YamlNode* relative : paths) {
            const std::string path = joinComposePath(directoryOf(referrer), relative->value);
            if (std::find(stack.begin(), stack.end(), path) != stack.end()) {
                stack.push_back(path);
                return Error::make(ErrorCode::InvalidArgument,
                                   "include goes round in a circle: " + join(stack, " -> ") +
                                       ". Remove one include.");
            }
            if (static_cast<int>(stack.size()) > m_request.limits.maxExtendsDepth) {
                return Error::make(ErrorCode::TooLarge, markText(referrer, relative->mark) +
                                                            ": include is nested more than " +
                                                            std::to_string(m_request.limits.maxExtendsDepth) +
                                                            " deep. Flatten the includes.");
            }
            auto included = loadFile(path, directoryOf(path), true);
            if (!included.ok()) {
                return included.error();
            }
            const int includedFile = static_cast<int>(m_project.files.size()) - 1;
            stack.push_back(path);
            auto nested = applyIncludes(*included, includedFile, stack);
            stack.pop_back();
            if (!nested.ok()) {
                return nested;
            }
            if (auto resolved = resolveExtends(*included, includedFile); !resolved.ok()) {
                return resolved;
            }
            documents.push_back(std::move(*included));
        }
        doc.erase("include");
        for (const auto& included : documents) {
            const YamlNode* mine = doc.find("services");
            const YamlNode* theirs = included.find("services");
            const auto defined = mine ? mine->keyIndex() : std::unordered_map<std::string, std::size_t>{};
            static const std::vector<YamlEntry> noEntries;
            for (const auto& s : theirs ? theirs->entries : noEntries) {
                if (defined.count(s.key.value)) {
                    return Error::make(
                        ErrorCode::InvalidArgument,
                        markText(m_project.files[std::size_t(s.key.mark.file)].path, s.key.mark) +
                            ": the service \"" + s.key.value + "\" is included and also defined in " +
                            referrer + "; Compose refuses that. Rename or remove one of them.");
                }
            }
            doc = mergeDocuments(doc, included);
        }
        return {};
    }

    Result<void> resolveExtends(YamlNode& doc, int file)
    {
        YamlNode* services = doc.find("services");
        if (!services || !services->isMap()) {
            return {};
        }
        for (auto& s : services->entries) {
            if (!s.value.isMap() || !s.value.entry("extends")) {
                continue;
            }
            std::vector<std::string> chain;
            auto resolved = resolveService(doc, file, s.key.value, chain);
            if (!resolved.ok()) {
                return resolved.error();
            }
            s.value = std::move(*resolved);
        }
        m_indexes.clear(); // keyed by address: the document goes away after the merge
        return {};
    }

    // The service `name` of the document of `file` with its extends chain applied.
    Result<YamlNode> resolveService(const YamlNode& doc, int file, const std::string& name,
                                    std::vector<std::string>& chain)
    {
        const std::string path = m_project.files[static_cast<std::size_t>(file)].path; // files may grow below
        const YamlNode* services = doc.find("services");
        if (services && !m_indexes.count(services)) {
            m_indexes.emplace(services, services->keyIndex()); // a chain looks services up many times
        }
        const YamlNode* service = nullptr;
        if (services) {
            const auto& index = m_indexes.at(services);
            const auto at = index.find(name);
            service = at == index.end() ? nullptr : &services->entries[at->second].value;
        }
        if (!service) {
            return Error::make(ErrorCode::NotFound, path + ": extends names the service \"" + name +
                                                        "\", which the file does not define.");
        }
        const std::string here = path + "#" + name;
        if (std::find(chain.begin(), chain.end(), here) != chain.end()) {
            chain.push_back(here);
            return Error::make(ErrorCode::InvalidArgument,
                               "extends goes round in a circle: " + join(chain, " -> ") +
                                   ". Break the cycle in one of these services.");
        }
        if (static_cast<int>(chain.size()) >= m_request.limits.maxExtendsDepth) {
            return Error::make(ErrorCode::TooLarge, "extends is chained more than " +
                                                        std::to_string(m_request.limits.maxExtendsDepth) +
                                                        " deep at " + here + ". Shorten the chain.");
        }
        const YamlEntry* extends = service->entry("extends");
        if (!extends) {
            return *service;
        }
        chain.push_back(here);
        std::string baseName;
        std::string otherFile;
        if (extends->value.isScalar()) {
            baseName = extends->value.value;
        } else if (extends->value.isMap()) {
            const YamlNode* s = extends->value.find("service");
            const YamlNode* f = extends->value.find("file");
            baseName = s ? s->text() : "";
            otherFile = f ? f->text() : "";
        }
        if (baseName.empty()) {
            return Error::make(ErrorCode::InvalidArgument,
                               markText(path, extends->key.mark) + ": extends needs a service name.");
        }
        Result<YamlNode> base = otherFile.empty() ? resolveService(doc, file, baseName, chain)
                                                  : resolveInFile(file, otherFile, baseName, chain);
        if (!base.ok()) {
            return base.error();
        }
        chain.pop_back();
        YamlNode local = *service;
        local.erase("extends");
        return mergeComposeService(*base, local);
    }

    Result<YamlNode> resolveInFile(int referrer, const std::string& relative, const std::string& name,
                                   std::vector<std::string>& chain)
    {
        const std::string directory = directoryOf(m_project.files[static_cast<std::size_t>(referrer)].path);
        const std::string path = joinComposePath(directory, relative);
        auto cached = std::find_if(m_extended.begin(), m_extended.end(), [&](const auto& e) {
            return m_project.files[std::size_t(e.first)].path == path;
        });
        if (cached == m_extended.end()) {
            auto doc = loadFile(path, directoryOf(path), true);
            if (!doc.ok()) {
                return doc.error();
            }
            m_extended.emplace_back(static_cast<int>(m_project.files.size()) - 1, std::move(*doc));
            cached = std::prev(m_extended.end());
        }
        const int file = cached->first;
        // A copy, as m_extended may grow while the chain is followed; its index is dropped with it.
        const YamlNode doc = cached->second;
        auto resolved = resolveService(doc, file, name, chain);
        if (const YamlNode* services = doc.find("services")) {
            m_indexes.erase(services);
        }
        return resolved;
    }

    void readEnvFiles(ComposeService& service)
    {
        const YamlNode* list = service.definition.find("env_file");
        if (!list) {
            return;
        }
        std::vector<const YamlNode*> items;
        if (list->isSequence()) {
            for (const auto& item : list->items) {
                items.push_back(&item);
            }
        } else {
            items.push_back(list);
        }
        const VariableLookup lookup = [this](const std::string& name) { return variable(name); };
        for (const YamlNode* item : items) {
            const YamlNode* pathNode = item->isMap() ? item->find("path") : item;
            if (!pathNode || !pathNode->isScalar()) {
                continue;
            }
            const YamlNode* required = item->isMap() ? item->find("required") : nullptr;
            const auto& source = m_project.files[static_cast<std::size_t>(pathNode->mark.file)];
            ComposeEnvFile envFile;
            envFile.path = joinComposePath(source.baseDirectory, pathNode->value);
            envFile.mark = pathNode->mark;
            auto text = m_request.readFile(envFile.path);
            if (text.ok() && text->size() > m_request.limits.maxFileBytes) {
                m_project.notes.push_back("env_file " + envFile.path + " is larger than " +
                                          std::to_string(m_request.limits.maxFileBytes) +
                                          " bytes; its variables are not reviewed.");
            } else if (text.ok()) {
                auto entries = parseEnvFile(*text, lookup);
                if (entries.ok()) {
                    envFile.read = true;
                    envFile.entries = std::move(*entries);
                } else {
                    m_project.notes.push_back(envFile.path + ": " + entries.error().message);
                }
            } else if (!required || required->isTrue()) {
                m_project.notes.push_back("env_file " + envFile.path + " of service " + service.name +
                                          " could not be read (" + text.error().message +
                                          "); its variables are not reviewed.");
            }
            service.envFiles.push_back(std::move(envFile));
        }
    }

    Result<ComposeProject> finish(const YamlNode& merged)
    {
        const YamlNode* name = merged.find("name");
        m_project.name = projectNameFrom(!m_request.projectName.empty() ? m_request.projectName
                                         : name && name->isScalar()     ? name->value
                                                                        : baseNameOf(m_project.directory));
        const auto section = [&](const char* key) {
            const YamlNode* n = merged.find(key);
            return n && n->isMap() ? *n : YamlNode::map(n ? n->mark : YamlMark{});
        };
        m_project.volumes = section("volumes");
        m_project.networks = section("networks");
        m_project.secrets = section("secrets");
        m_project.configs = section("configs");
        if (const YamlNode* services = merged.find("services"); services && services->isMap()) {
            for (const auto& s : services->entries) {
                if (!s.value.isMap() && !s.value.isNull()) {
                    return Error::make(
                        ErrorCode::InvalidArgument,
                        markText(m_project.files[std::size_t(s.key.mark.file)].path, s.key.mark) +
                            ": the service \"" + s.key.value + "\" must be a map.");
                }
                ComposeService service{
                    s.key.value, s.key.mark, s.value.isMap() ? s.value : YamlNode::map(s.value.mark), {}};
                readEnvFiles(service);
                m_project.services.push_back(std::move(service));
            }
        }
        std::set<std::string> noted;
        for (const auto& u : m_project.unset) {
            if (noted.insert(u.name).second) {
                m_project.notes.push_back(u.name + " is not set; read as empty");
            }
        }
        return std::move(m_project);
    }

    const ComposeLoadRequest& m_request;
    ComposeProject m_project;
    std::vector<std::pair<int, YamlNode>> m_extended; // files read through extends: file:, by file index
    std::map<const YamlNode*, std::unordered_map<std::string, std::size_t>> m_indexes; // services by name
};

} // namespace

const ComposeService* ComposeProject::service(const std::string& wanted) const
{
    for (const auto& s : services) {
        if (s.name == wanted) {
            return &s;
        }
    }
    return nullptr;
}

std::string joinComposePath(const std::string& directory, const std::string& path)
{
    std::string rest = path;
    while (startsWith(rest, "./")) {
        rest = rest.substr(2);
    }
    if (rest.empty()) {
        rest = ".";
    }
    if (startsWith(path, "/") || directory.empty() || directory == ".") {
        return startsWith(path, "/") ? path : rest;
    }
    if (rest == ".") {
        return directory;
    }
    return endsWith(directory, "/") ? directory + rest : directory + "/" + rest;
}

Result<ComposeProject> loadComposeProject(const ComposeLoadRequest& request)
{
    return ProjectLoader(request).load();
}

} // namespace drydock
