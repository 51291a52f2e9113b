// Progressive enhancement only: every page works without JavaScript.
document.addEventListener('DOMContentLoaded', () => {
  // After a refused save, put the cursor in the first field that has an error.
  const invalid = document.querySelector('.invalid');
  if (invalid) {
    invalid.focus();
  }
});
