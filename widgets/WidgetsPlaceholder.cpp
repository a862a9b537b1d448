// Placeholder translation unit so the library exists before its first widget lands.
namespace bengal::widgets {
int placeholder() { return 0; }
} // namespace bengal::widgets
