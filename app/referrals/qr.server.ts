import { encode } from "uqr";

/**
 * A QR code drawn on the server (no third-party service, nothing sent anywhere): one SVG path of
 * the dark modules, so the page carries a few hundred bytes and no script or image request.
 */
export interface QrCodePath {
  /** Modules per side, quiet zone included: the SVG's viewBox. */
  size: number;
  /** "M x y h1v1h-1z" per dark module, in module units. */
  path: string;
}

export function qrCodePath(text: string): QrCodePath {
  // Medium error correction survives a crease or a smudge on a printed slip.
  const { size, data } = encode(text, { ecc: "M", border: 2 });
  let path = "";
  data.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    }),
  );
  return { size, path };
}
