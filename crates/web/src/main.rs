//! The web page's entry point: render the app into the document body.

fn main() {
    planwright_web::mount();
}
