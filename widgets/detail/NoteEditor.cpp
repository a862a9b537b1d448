#include "detail/NoteEditor.h"

#include "detail/DetailColors.h"
#include "store/Database.h"
#include "store/NotesRepository.h"

#include <QAction>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTime>

namespace bengal {

NoteEditor::NoteEditor(QWidget* parent) : QWidget(parent)
{
    m_text = new QPlainTextEdit(this); // plain text only: a note is never rendered as markup
    m_text->setObjectName(QStringLiteral("noteText"));
    m_text->setPlaceholderText(tr("A note about this build (what changed, why it is slow, …)"));
    m_text->setTabChangesFocus(true);
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("noteTags"));
    m_tags->setPlaceholderText(tr("tags, separated by commas"));
    m_save = new QPushButton(tr("Save note"), this);
    m_save->setObjectName(QStringLiteral("saveNote"));
    m_save->setToolTip(tr("Save the note and tags in the local store (Ctrl+S)"));
    m_status = new QLabel(this);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setObjectName(QStringLiteral("noteStatus"));

    auto* saveAction = new QAction(tr("Save note"), this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(saveAction);
    connect(saveAction, &QAction::triggered, this, &NoteEditor::save);
    connect(m_save, &QPushButton::clicked, this, &NoteEditor::save);
    connect(m_text, &QPlainTextEdit::textChanged, this, &NoteEditor::markModified);
    connect(m_tags, &QLineEdit::textEdited, this, &NoteEditor::markModified);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Tags:"), this));
    row->addWidget(m_tags, 1);
    row->addWidget(m_save);
    layout->addLayout(row);
    layout->addWidget(m_status);
    setState(State::NoStore);
}

void NoteEditor::setDatabase(Database* database)
{
    m_database = database;
    load();
}

void NoteEditor::setBuild(const QString& historyPath, const QByteArray& buildKey,
                          const QString& label)
{
    if (historyPath == m_historyPath && buildKey == m_buildKey)
        return;
    QString failure;
    if ((m_state == State::Modified || m_state == State::Failed) && !save())
        failure = m_status->text(); // stays visible while the next build is shown
    m_historyPath = historyPath;
    m_buildKey = buildKey;
    m_buildLabel = label;
    load();
    if (!failure.isEmpty())
        showStatus(failure, Direction::Worse);
}

void NoteEditor::load()
{
    m_loading = true;
    const bool usable =
        m_database && m_database->isOpen() && !m_buildKey.isEmpty() && !m_historyPath.isEmpty();
    std::optional<BuildNote> note;
    if (usable)
        note = NotesRepository(*m_database).get(m_historyPath, m_buildKey);
    m_text->setPlainText(note ? note->text : QString());
    m_tags->setText(note ? note->tags.join(QStringLiteral(", ")) : QString());
    m_loading = false;
    for (QWidget* w : {static_cast<QWidget*>(m_text), static_cast<QWidget*>(m_tags),
                       static_cast<QWidget*>(m_save)})
        w->setEnabled(usable && !m_database->isReadOnly());
    if (!usable)
        setState(State::NoStore, m_buildKey.isEmpty() ? tr("No build selected")
                                                      : tr("Notes need the local store, which "
                                                           "is not available."));
    else if (m_database->isReadOnly())
        setState(State::NoStore, tr("The local store is read-only: notes cannot be changed."));
    else
        setState(State::Clean, note ? tr("Last edited %1")
                                          .arg(QLocale().toString(note->updated.toLocalTime(),
                                                                  QLocale::ShortFormat))
                                    : QString());
}

QString NoteEditor::text() const
{
    return m_text->toPlainText();
}

void NoteEditor::setText(const QString& text)
{
    m_text->setPlainText(text);
}

QStringList NoteEditor::tags() const
{
    QStringList tags;
    for (const QString& tag : m_tags->text().split(QLatin1Char(','))) {
        if (!tag.trimmed().isEmpty())
            tags << tag.trimmed();
    }
    return tags;
}

void NoteEditor::setTags(const QStringList& tags)
{
    m_tags->setText(tags.join(QStringLiteral(", ")));
    markModified();
}

void NoteEditor::markModified()
{
    if (!m_loading && m_state != State::NoStore)
        setState(State::Modified, tr("Not saved yet"));
}

bool NoteEditor::save()
{
    if (!m_database || m_buildKey.isEmpty() || m_state == State::NoStore)
        return false;
    BuildNote note{m_buildKey, m_text->toPlainText().trimmed(),
                   NotesRepository::normalizedTags(tags()), QDateTime::currentDateTimeUtc()};
    if (!NotesRepository(*m_database).set(m_historyPath, note)) {
        const QString message =
            tr("Not saved (%1): %2").arg(m_buildLabel, m_database->errorString());
        setState(State::Failed, message);
        emit saveFailed(message);
        return false;
    }
    m_loading = true;
    m_tags->setText(note.tags.join(QStringLiteral(", ")));
    m_loading = false;
    setState(State::Saved,
             tr("Saved at %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    emit saved(m_buildKey);
    return true;
}

QString NoteEditor::stateText() const
{
    return m_status->text();
}

void NoteEditor::setState(State state, const QString& message)
{
    m_state = state;
    showStatus(message, state == State::Saved    ? Direction::Better
                        : state == State::Failed ? Direction::Worse
                                                 : Direction::Same);
}

void NoteEditor::showStatus(const QString& message, Direction look)
{
    m_status->setText(message);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, directionColor(look, palette()));
    m_status->setPalette(p);
}

} // namespace bengal
