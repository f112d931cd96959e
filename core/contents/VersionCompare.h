#pragma once
#include <string_view>

namespace drydock {

// Debian package version order (deb-version(7), dpkg's verrevcmp): [epoch:]upstream[-revision]; epochs
// compare as numbers, then upstream and revision alternate non-digit runs (letters before other
// characters, '~' before everything, even the end) and digit runs compared as numbers. <0, 0, >0.
int compareDebianVersions(std::string_view a, std::string_view b);

// Alpine package version order (apk-tools): digits separated by dots, an optional letter, suffixes
// (_alpha < _beta < _pre < _rc < none < _cvs < _svn < _git < _hg < _p, each with an optional number)
// and -rN package revisions. <0, 0, >0.
int compareApkVersions(std::string_view a, std::string_view b);

// By ecosystem name: "deb" or "apk" (RPM is not supported and compares as text).
int compareVersions(std::string_view ecosystem, std::string_view a, std::string_view b);

} // namespace drydock
