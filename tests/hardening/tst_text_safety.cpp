// Text from a history file is data, never markup or a format string (issue 9). Every place the
// item models hand history text to a view is checked as the view shows it: display text is drawn
// as plain text by the views; a tool tip is drawn as rich text when Qt::mightBeRichText says so,
// so what a user reads is the tool tip's plain rendering. SQL text: see tests/store
// (injectionStringsStoredVerbatim round-trips "x'); DROP TABLE notes; --" through every
// repository; every statement binds its values).
#include "HardeningSupport.h"
#include "detail/BuildDetail.h"
#include "detail/BuildDetailModel.h"
#include "history/HistorySession.h"
#include "models/BuildTableModel.h"
#include "models/ProblemsModel.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace bengal;

namespace {

const QString kMarkup = QStringLiteral("<b>x</b>");
const QString kFormat = QStringLiteral("%1 %2 %s %n %%");

// What a user reads in a tool tip.
QString shownToolTip(const QVariant& tip)
{
    const QString text = tip.toString();
    if (!Qt::mightBeRichText(text))
        return text;
    QTextDocument document;
    document.setHtml(text);
    return document.toPlainText();
}

QString historyText()
{
    return QStringLiteral(
        "{\"timestamp\": \"2026-01-01T00:00:00\", \"build_time_ms\": 5, \"platform\": "
        "\"<b>x</b>\", \"python_version\": \"%1 %2 %s %n %%\", \"<b>x</b>\": 3, "
        "\"%1 %2 %s %n %%\": 4, \"phase_timings_ms\": {\"<b>x</b>\": \"<b>x</b>\"}}\n"
        "{\"timestamp\": \"<b>x</b>\"}\n"
        "{\"timestamp\": \"%1 %2 %s %n %%\"}\n");
}

} // namespace

class TestTextSafety : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("history.jsonl"));
        QVERIFY(hardening::writeFile(m_path, historyText().toUtf8()));
        m_session.open(m_path);
        QTRY_VERIFY_WITH_TIMEOUT(m_session.state() == HistorySession::FileState::Following, 20000);
        QCOMPARE(m_session.store().size(), 1);
        QCOMPARE(m_session.store().rejectedCount(), 2);
    }

    void buildTableShowsKeysLiterally()
    {
        BuildTableModel model(&m_session);
        QAbstractItemModelTester tester(&model);
        QStringList headers, tips;
        for (int column = 0; column < model.columnCount(); ++column) {
            headers << model.headerData(column, Qt::Horizontal).toString();
            tips << shownToolTip(model.headerData(column, Qt::Horizontal, Qt::ToolTipRole));
        }
        QVERIFY2(headers.contains(kMarkup), qPrintable(headers.join(u'|')));
        QVERIFY2(headers.contains(kFormat), qPrintable(headers.join(u'|')));
        QVERIFY2(tips.contains(kMarkup), qPrintable(tips.join(u'|')));
        QVERIFY2(tips.contains(kFormat), qPrintable(tips.join(u'|')));
    }

    void problemsShowRawTextLiterally()
    {
        ProblemsModel model(&m_session);
        QAbstractItemModelTester tester(&model);
        QStringList reasons, tips, keys;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex reason = model.index(row, ProblemsModel::ReasonColumn);
            reasons << reason.data().toString();
            tips << shownToolTip(reason.data(Qt::ToolTipRole));
            keys << model.index(row, ProblemsModel::KeyColumn).data().toString();
        }
        // The warning names the field as written; the rejections quote the timestamps.
        QVERIFY2(keys.contains(QStringLiteral("phase_timings_ms.<b>x</b>")),
                 qPrintable(keys.join(u'|')));
        const auto quoted = [](const QStringList& list, const QString& text) {
            return std::any_of(list.begin(), list.end(), [&](const QString& s) {
                return s.contains(QLatin1Char('"') + text + QLatin1Char('"'));
            });
        };
        QVERIFY2(quoted(reasons, kMarkup), qPrintable(reasons.join(u'|')));
        QVERIFY2(quoted(reasons, kFormat), qPrintable(reasons.join(u'|')));
        QVERIFY2(quoted(tips, kMarkup), qPrintable(tips.join(u'|')));
        QVERIFY2(quoted(tips, kFormat), qPrintable(tips.join(u'|')));
        QVERIFY2(std::any_of(tips.begin(), tips.end(),
                             [](const QString& s) {
                                 return s.contains(QLatin1String("phase_timings_ms.<b>x</b>"));
                             }),
                 qPrintable(tips.join(u'|')));
    }

    void detailShowsValuesLiterally()
    {
        const BuildDetail detail = loadBuildDetail(m_session.store(), 0, m_path, {});
        QCOMPARE(detail.source, BuildLineRead::Status::Ok);
        BuildDetailModel model;
        QAbstractItemModelTester tester(&model);
        model.setDetail(detail);
        const QModelIndex platform = model.findKey(QStringLiteral("platform"));
        QVERIFY(platform.isValid());
        const QModelIndex value = platform.siblingAtColumn(BuildDetailModel::ValueColumn);
        QCOMPARE(value.data().toString(), kMarkup);
        QCOMPARE(shownToolTip(value.data(Qt::ToolTipRole)), kMarkup);
        const QModelIndex python = model.findKey(QStringLiteral("python_version"));
        QVERIFY(python.isValid());
        QCOMPARE(python.siblingAtColumn(BuildDetailModel::ValueColumn).data().toString(), kFormat);
        const QModelIndex key = model.findKey(kMarkup);
        QVERIFY(key.isValid());
        QVERIFY2(shownToolTip(key.data(Qt::ToolTipRole)).contains(kMarkup),
                 qPrintable(key.data(Qt::ToolTipRole).toString()));
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    HistorySession m_session;
};

QTEST_MAIN(TestTextSafety)
#include "tst_text_safety.moc"
