"""Articles, exercises, claims and their extraction. Never imports Streamlit."""
