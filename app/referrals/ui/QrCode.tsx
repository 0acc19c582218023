import type { QrCodePath } from "../qr.server";

/** A QR code from the server (qr.server.ts), as an image with an accessible name. */
export function QrCode({
  qr,
  label,
  className,
}: {
  qr: QrCodePath;
  label: string;
  className?: string;
}) {
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width={qr.size * 4}
      height={qr.size * 4}
      className={className ?? "qr-code"}
      shapeRendering="crispEdges"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.path} fill="#000" />
    </svg>
  );
}
