"""The editor's dialogs: project properties, handout export, keyboard shortcuts, about."""
