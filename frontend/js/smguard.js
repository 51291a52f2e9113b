// Progressive enhancement only: every page works without JavaScript.
document.addEventListener('DOMContentLoaded', () => {
  // After a refused save, put the cursor in the first field that has an error.
  const invalid = document.querySelector('.invalid');
  if (invalid) {
    invalid.focus();
  }
  followBundle(document.getElementById('bundle'));
});

// The bundle page: show how far the bundle is prepared until it can be downloaded.
function followBundle(bundle) {
  if (!bundle || !document.getElementById('bundle-ready').hidden || !document.getElementById('bundle-error').hidden) {
    return;
  }
  const show = (progress) => {
    document.getElementById('bundle-written').textContent = progress.written;
    document.getElementById('bundle-total').textContent = progress.total;
    document.getElementById('bundle-progress').value = progress.done ? 100 : Math.floor(100 * progress.written / Math.max(1, progress.total));
    if (progress.error) {
      document.getElementById('bundle-preparing').hidden = true;
      const error = document.getElementById('bundle-error');
      error.textContent = progress.error;
      error.hidden = false;
    } else if (progress.file) {
      document.getElementById('bundle-preparing').hidden = true;
      document.getElementById('bundle-size').textContent = progress.file.size + ' bytes';
      document.getElementById('bundle-sha256').textContent = progress.file.sha256;
      document.getElementById('bundle-ready').hidden = false;
    }
    return progress.done;
  };
  const poll = () => fetch(bundle.dataset.progressUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then((response) => response.json())
    .then((progress) => { if (!show(progress)) { setTimeout(poll, 500); } })
    .catch(() => setTimeout(poll, 2000));
  setTimeout(poll, 300);
}
