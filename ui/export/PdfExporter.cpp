#include "ui/export/PdfExporter.h"

#include "core/common/AtomicFileWriter.h"
#include "core/common/Time.h"
#include "core/report/FleetHtmlReport.h"
#include "core/report/HtmlReportWriter.h"
#include "core/results/PostureScore.h"

#include <QAbstractTextDocumentLayout>
#include <QFile>
#include <QFontDatabase>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

#include <cstdio>
#include <vector>

namespace drydock::ui {

namespace {

// One heading of the PDF's table of contents and the page it starts on.
struct TocEntry
{
    QString title;
    int page = 0; // 0-based page within the body
};

QFont reportFont(int pointSize, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"), pointSize);
    f.setBold(bold);
    f.setStyleHint(QFont::SansSerif);
    // Reports are Latin text and commands: skipping HarfBuzz shaping where the font needs none makes
    // laying out thousands of pages markedly faster and changes nothing on the page.
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

std::vector<TocEntry> tableOfContents(QTextDocument& doc, qreal pageHeight)
{
    std::vector<TocEntry> toc;
    auto* layout = doc.documentLayout();
    for (QTextBlock b = doc.begin(); b.isValid(); b = b.next()) {
        if (b.blockFormat().headingLevel() == 2) {
            // The page its first line is drawn on: a heading that does not fit at the foot of a page keeps its
            // block (and top margin) there while Qt moves its lines to the next page.
            qreal y = layout->blockBoundingRect(b).top();
            if (const QTextLayout* lines = b.layout(); lines && lines->lineCount() > 0) {
                y += lines->lineAt(0).y() + lines->lineAt(0).height() / 2;
            }
            toc.push_back({b.text().trimmed(), static_cast<int>(y / pageHeight)});
        }
    }
    return toc;
}

QString tocHtml(const std::vector<TocEntry>& toc, int firstBodyPage)
{
    QString html = QStringLiteral("<h1>Contents</h1><table width=\"100%\" cellpadding=\"3\">");
    for (const auto& e : toc) {
        html += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td></tr>")
                    .arg(e.title.toHtmlEscaped())
                    .arg(e.page + firstBodyPage);
    }
    return html + QStringLiteral("</table>");
}

// Imports the body and lays it out in pages. On the thread that draws it: Qt's font engines belong to the
// thread that made them, so a document laid out on another thread crashes when drawn once that thread ends
// (found by the ThreadSanitizer run of an earlier, parallel version).
void layOut(QTextDocument& doc, const QString& html, QPaintDevice* device, int pointSize, QSizeF pageSize)
{
    doc.documentLayout()->setPaintDevice(device);
    doc.setDefaultFont(reportFont(pointSize));
    // No stylesheet at all: the print HTML says its styling with attributes (core/report/PrintMarkup), because
    // Qt matches every rule against every element — the browser stylesheet made a 10,000-finding PDF take
    // half as long again, and even two rules (pre, h2) cost a seventh.
    doc.setHtml(html);
    doc.setPageSize(pageSize);
    // A long word (a 300-character env value in a command) wraps instead of running off the page.
    QTextOption wrap = doc.defaultTextOption();
    wrap.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    doc.setDefaultTextOption(wrap);
}

} // namespace

Result<void> PdfExporter::write(const ReportData& data, const QString& path, const Progress& progress)
{
    const ScanResult& scan = *data.scan;
    const PostureScore score = PostureScore::compute(scan.findings, data.objects());
    const auto counts = scan.findings.countsBySeverity();
    Document document;
    document.title = QString::fromStdString(data.title);
    document.header = QString::fromStdString(data.title + " — " + scan.inventory.endpoint);
    document.titleLines =
        QStringLiteral("%1\n%13 %2 (API %3)\nScanned %4%5\n\nPosture score %6 / 100 (grade %7)\n"
                       "Critical %8 · High %9 · Medium %10 · Low %11 · Info %12")
            .arg(QString::fromStdString(scan.inventory.endpoint), QString::fromStdString(scan.inventory.engineVersion),
                 QString::fromStdString(scan.inventory.apiVersion),
                 QString::fromStdString(formatRfc3339(scan.startedAtUnix)),
                 data.scanId ? QStringLiteral(" · scan %1").arg(data.scanId) : QString())
            .arg(score.score)
            .arg(QString::fromStdString(score.grade()))
            .arg(counts[4])
            .arg(counts[3])
            .arg(counts[2])
            .arg(counts[1])
            .arg(counts[0])
            .arg(QString::fromStdString(scan.inventory.engineName));
    document.bodyHtml = QString::fromStdString(HtmlReportWriter::write(data, HtmlReportWriter::Variant::Print));
    return writeDocument(document, path, progress);
}

Result<void> PdfExporter::writeFleet(const FleetSummary& fleet, std::int64_t generatedAtUnix, const QString& path,
                                     const Progress& progress)
{
    Document document;
    document.title = QStringLiteral("Drydock fleet report");
    document.header = QStringLiteral("Drydock fleet report — %1 endpoint(s)").arg(fleet.endpoints.size());
    document.titleLines = QStringLiteral("%1 endpoint(s): %2 scanned, %3 unreachable\nGenerated %4\n\n"
                                         "Open across the fleet: Critical %5 · High %6 · Medium %7 · Low %8 · Info %9")
                              .arg(fleet.endpoints.size())
                              .arg(fleet.reachable)
                              .arg(fleet.unreachable)
                              .arg(QString::fromStdString(formatRfc3339(generatedAtUnix)))
                              .arg(fleet.open[4])
                              .arg(fleet.open[3])
                              .arg(fleet.open[2])
                              .arg(fleet.open[1])
                              .arg(fleet.open[0]);
    document.bodyHtml = QString::fromStdString(FleetHtmlReport::render(fleet, generatedAtUnix, true));
    document.pointSize = 8; // a dozen columns side by side
    return writeDocument(document, path, progress);
}

Result<void> PdfExporter::writeDocument(const Document& document, const QString& path, const Progress& progress)
{
    if (QFontDatabase::families().isEmpty()) {
        return Error::make(ErrorCode::Io, "No fonts are installed, so the PDF would have no text. Install "
                                          "fonts-dejavu-core (installer/install-deps.sh does).");
    }
    // The PDF goes to a temporary file AtomicFileWriter created (O_EXCL|O_NOFOLLOW, 0600) and is renamed into
    // place when complete: QPdfWriter gets that open file, never a path it would open (and follow) itself.
    auto target = AtomicFileWriter::begin(path.toStdString());
    if (!target) {
        return target.error();
    }
    {
        QFile part;
        if (!part.open(target->fd(), QIODevice::WriteOnly, QFileDevice::DontCloseHandle)) {
            return Error::make(ErrorCode::Io, "Cannot write the PDF " + path.toStdString() + ": " +
                                                  part.errorString().toStdString() + ".");
        }
        QPdfWriter writer(&part);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(16, 18, 16, 18), QPageLayout::Millimeter);
        writer.setResolution(144);
        writer.setTitle(document.title);
        writer.setCreator(QStringLiteral("Drydock " DRYDOCK_VERSION));
        QPainter painter;
        if (!painter.begin(&writer)) {
            return Error::make(ErrorCode::Io, "Cannot write the PDF " + path.toStdString() +
                                                  ": the folder does not exist or is not writable. Choose another place.");
        }
        const QRect page = writer.pageLayout().paintRectPixels(writer.resolution());
        const int headerHeight = 40;
        const int footerHeight = 40;
        const QRectF bodyRect(0, headerHeight, page.width(), page.height() - headerHeight - footerHeight);

        QTextDocument body;
        layOut(body, document.bodyHtml, &writer, document.pointSize, bodyRect.size());
        const int bodyPages = body.pageCount();
        const auto toc = tableOfContents(body, bodyRect.height());

        QTextDocument contents;
        contents.documentLayout()->setPaintDevice(&writer);
        contents.setDefaultFont(reportFont(10));
        contents.setPageSize(bodyRect.size());
        contents.setHtml(tocHtml(toc, 3)); // first guess: title page, one contents page
        const int tocPages = contents.pageCount();
        if (tocPages != 1) {
            contents.setHtml(tocHtml(toc, 2 + tocPages));
        }
        const int total = 1 + tocPages + bodyPages;

        auto decorate = [&](int pageNumber) {
            painter.save();
            painter.setFont(reportFont(8));
            painter.setPen(QColor(0x4b, 0x55, 0x63));
            painter.drawText(QRectF(0, 0, page.width(), headerHeight - 10), Qt::AlignLeft | Qt::AlignVCenter,
                             painter.fontMetrics().elidedText(document.header, Qt::ElideMiddle, page.width()));
            painter.drawLine(QPointF(0, headerHeight - 8), QPointF(page.width(), headerHeight - 8));
            painter.drawText(QRectF(0, page.height() - footerHeight + 8, page.width(), footerHeight - 8),
                             Qt::AlignCenter, QStringLiteral("Page %1 of %2").arg(pageNumber).arg(total));
            painter.restore();
        };
        bool cancelled = false;
        auto drawPages = [&](QTextDocument& doc, int count, int firstNumber) {
            for (int i = 0; i < count && !cancelled; ++i) {
                if (progress && !progress(firstNumber + i - 1, total)) {
                    cancelled = true;
                    break;
                }
                writer.newPage();
                decorate(firstNumber + i);
                painter.save();
                painter.translate(0, bodyRect.top() - i * bodyRect.height());
                const QRectF clip(0, i * bodyRect.height(), bodyRect.width(), bodyRect.height());
                doc.drawContents(&painter, clip);
                painter.restore();
            }
        };

        // Title page
        painter.setPen(QColor(0x1d, 0x4e, 0x89));
        painter.setFont(reportFont(26, true));
        painter.drawText(QRectF(0, page.height() * 0.22, page.width(), 120), Qt::AlignHCenter | Qt::TextWordWrap,
                         document.title);
        painter.setPen(Qt::black);
        painter.setFont(reportFont(12));
        painter.drawText(QRectF(0, page.height() * 0.40, page.width(), page.height() * 0.4),
                         Qt::AlignHCenter | Qt::TextWordWrap, document.titleLines);
        painter.setFont(reportFont(8));
        painter.drawText(QRectF(0, page.height() - footerHeight, page.width(), footerHeight), Qt::AlignCenter,
                         QStringLiteral("Generated by Drydock %1 · secret values are masked · page 1 of %2")
                             .arg(QStringLiteral(DRYDOCK_VERSION))
                             .arg(total));

        drawPages(contents, tocPages, 2);
        drawPages(body, bodyPages, 2 + tocPages);
        const bool ended = painter.end();
        part.close(); // flushes Qt's buffer into the descriptor AtomicFileWriter owns
        if (cancelled) {
            return Error::make(ErrorCode::Cancelled, "The export was cancelled; nothing was written.");
        }
        if (!ended || part.error() != QFileDevice::NoError) {
            return Error::make(ErrorCode::Io, "Cannot finish the PDF " + path.toStdString() + ".");
        }
        if (progress) {
            progress(total, total);
        }
    }
    // rename(2) replaces an existing report atomically: the old one stays until the new one is complete.
    return target->commit();
}

} // namespace drydock::ui
