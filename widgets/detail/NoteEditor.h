#pragma once

#include "detail/MetricDirection.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace bengal {

class Database;

// The user's note and tags for one build, kept in the local store (NotesRepository, keyed by
// the history path and the build key). Save writes at once and says whether it worked; a
// modified note is also saved when another build is shown, so switching never loses text.
class NoteEditor : public QWidget
{
    Q_OBJECT
public:
    enum class State
    {
        NoStore,  // no database, or no build: the editor is disabled
        Clean,    // as stored
        Modified, // edited, not saved yet
        Saved,    // just saved
        Failed    // the last save failed; the text is still here
    };
    Q_ENUM(State)

    explicit NoteEditor(QWidget* parent = nullptr);

    void setDatabase(Database* database);
    // Loads the note of the build (saving a modified note of the previous build first).
    // An empty key clears the editor.
    void setBuild(const QString& historyPath, const QByteArray& buildKey, const QString& label);

    QString text() const;
    void setText(const QString& text);
    QStringList tags() const; // as typed, split at commas and trimmed
    void setTags(const QStringList& tags);
    State state() const { return m_state; }
    QString stateText() const;
    QPushButton* saveButton() const { return m_save; }

public slots:
    bool save();

signals:
    void saved(const QByteArray& buildKey);
    void saveFailed(const QString& message);

private:
    void load();
    void setState(State state, const QString& message = {});
    void showStatus(const QString& message, Direction look);
    void markModified();

    Database* m_database = nullptr;
    QString m_historyPath;
    QByteArray m_buildKey;
    QString m_buildLabel;
    QPlainTextEdit* m_text;
    QLineEdit* m_tags;
    QPushButton* m_save;
    QLabel* m_status;
    State m_state = State::NoStore;
    bool m_loading = false;
};

} // namespace bengal
