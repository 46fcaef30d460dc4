//! A QR code drawn with Unicode half blocks (two modules per character cell).

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

/// The lines of a QR code for `data`, dark modules drawn as light-on-dark so it scans on a
/// dark terminal; an error text when the data does not fit a QR code.
pub fn lines(data: &str) -> Result<Vec<String>, String> {
    let code = QrCode::new(data.as_bytes()).map_err(|e| format!("no QR code: {e}"))?;
    let text = code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build();
    Ok(text.lines().map(str::to_string).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn draws_a_square_code() {
        let l = super::lines("otpauth://totp/Cognito:alice?secret=JBSWY3DPEHPK3PXP&issuer=Cognito")
            .unwrap();
        assert!(l.len() > 10);
        let w = l[0].chars().count();
        // Two modules per cell vertically: about twice as wide as tall.
        assert!(
            w >= l.len() * 2 - 2 && w <= l.len() * 2 + 2,
            "{w} x {}",
            l.len()
        );
    }
}
