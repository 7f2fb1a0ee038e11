"""Places: the gazetteer, geocoding, distances and map building. Never imports Streamlit."""
