export function NotFound({ what }: { what: string }) {
  return (
    <div className="view">
      <h1>{what} was not found</h1>
      <p className="lead">
        It may belong to another data directory. <a href="#/">Back to the start</a>
      </p>
    </div>
  );
}
